import { useId } from 'react';

interface Props {
  label: string;
  value: number;
  onCommit(value: number): void;
  step?: number;
  min?: number;
  max?: number;
  hint?: string;
  testId?: string;
}

/** A number input that commits on blur or Enter, so clamping never fights the user mid-typing. */
export function NumberField({ label, value, onCommit, step, min, max, hint, testId }: Props) {
  const id = useId();
  const commit = (text: string) => {
    const v = Number(text);
    if (text.trim() !== '' && Number.isFinite(v) && v !== value) onCommit(v);
  };
  return (
    <label className="field" htmlFor={id} title={hint}>
      <span>{label}</span>
      <input
        id={id} key={value} type="number" defaultValue={value} step={step ?? 'any'} min={min} max={max} data-testid={testId}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value); }}
      />
    </label>
  );
}
