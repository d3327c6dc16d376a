import { useId, useState } from 'react';

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

/**
 * A number input that commits on blur or Enter, so clamping never fights the user mid-typing. After a
 * commit it shows the value in use (clamped, or kept), never what was typed; a value that is not a finite
 * number is committed as NaN, which the config rejects with a warning.
 */
export function NumberField({ label, value, onCommit, step, min, max, hint, testId }: Props) {
  const id = useId();
  // Bumped by every commit: the input remounts on the value in use even when that value did not change.
  const [shown, setShown] = useState(0);
  const commit = (input: HTMLInputElement) => {
    const text = input.value,
      v = Number(text);
    // A number input reads '' for what it cannot parse (1e309, 'Infinity'): badInput tells that from an empty field.
    if (input.validity.badInput) onCommit(NaN);
    else if (text.trim() !== '' && v !== value) onCommit(Number.isFinite(v) ? v : NaN);
    setShown((n) => n + 1);
  };
  return (
    <label className="field" htmlFor={id} title={hint}>
      <span>{label}</span>
      <input
        id={id}
        key={`${value}:${shown}`}
        type="number"
        defaultValue={value}
        step={step ?? 'any'}
        min={min}
        max={max}
        data-testid={testId}
        onBlur={(e) => commit(e.currentTarget)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget);
        }}
      />
    </label>
  );
}
