import { applyPreset, isIntKey, optionsOf, presetOf, PRESETS, rangeOf, type Config, type Preset } from '../../../config';
import { estimateWorkload } from '../../../state/workload';
import { useStore } from '../../../state/store';
import { NumberField } from '../../common/NumberField';
import { SpaceEditor } from './SpaceEditor';
import { DataPanel } from './DataPanel';
import { RUN_BUTTON_ID } from './RunControls';

function Select<K extends keyof Config>({
  k,
  label,
  options,
  disabled,
}: {
  k: K;
  label: string;
  options: { value: Config[K]; label: string }[];
  disabled?: boolean;
}) {
  const value = useStore((s) => s.config[k]);
  const setConfig = useStore((s) => s.setConfig);
  return (
    <label className="field">
      <span>{label}</span>
      <select
        value={String(value)}
        disabled={disabled}
        data-testid={`select-${String(k)}`}
        onChange={(e) => setConfig({ [k]: options.find((o) => String(o.value) === e.target.value)!.value } as Partial<Config>)}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** ' (≈ 9 min)' on a preset that runs for minutes: the estimate before it starts (from FLOPs; the ETA then follows the real steps). */
function etaOf(config: Config, preset: Preset): string {
  const seconds = estimateWorkload(applyPreset(config, preset).config).totalSeconds;
  return seconds < 120 ? '' : ` (≈ ${Math.round(seconds / 60)} min)`;
}

/** Everything a run is: space, data, training recipe, search settings, seed; plus presets. */
export function ConfigPanel() {
  const config = useStore((s) => s.config);
  const status = useStore((s) => s.status);
  const setConfig = useStore((s) => s.setConfig);
  const replaceConfig = useStore((s) => s.replaceConfig);
  const active = presetOf(config);
  const busy = status === 'starting' || status === 'training' || status === 'paused';
  // An int key's input takes the table's range; a float's does not, as a min would also be the base its arrows step from.
  const num = (k: keyof Config, label: string, hint?: string, step?: number) => (
    <NumberField
      label={label}
      value={config[k] as number}
      step={step}
      hint={hint}
      testId={`num-${k}`}
      {...(isIntKey(k) ? rangeOf(k) : {})}
      onCommit={(v) => setConfig({ [k]: v } as Partial<Config>)}
    />
  );
  const budget = (k: 'flops' | 'params', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        key={String(config[k])}
        defaultValue={String(config[k])}
        data-testid={`budget-${k}`}
        onBlur={(e) => {
          const t = e.currentTarget.value.trim();
          setConfig({ [k]: t === 'auto' || t === '' ? 'auto' : Number(t) } as Partial<Config>);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </label>
  );
  return (
    <section className="panel config" aria-label="Configuration">
      <div className="presets" role="group" aria-label="Presets">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            disabled={busy}
            title={p.description}
            data-testid={`preset-${p.id}`}
            aria-pressed={active?.id === p.id}
            onClick={(e) => {
              const r = applyPreset(config, p);
              replaceConfig(r.config, r.warnings);
              // Space on a focused button presses that button: hand the focus to Run, so Space then starts the run.
              const runButton = document.getElementById(RUN_BUTTON_ID);
              if (runButton instanceof HTMLButtonElement && !runButton.disabled) runButton.focus();
              else e.currentTarget.blur();
            }}
          >
            {p.label}
            {etaOf(config, p)}
          </button>
        ))}
      </div>
      {/* Visible text, not only the tooltip: touch screens never show a title. */}
      <p className="hint preset-description" data-testid="preset-description">
        {active ? (
          <>
            <b>{active.label}:</b> {active.description}
          </>
        ) : (
          'A preset sets the whole training recipe (space, data, optimizer, epochs); seed, top-k, budgets and retrain settings stay.'
        )}
      </p>
      <SpaceEditor disabled={busy} />
      <DataPanel disabled={busy} />
      <fieldset disabled={busy}>
        <legend>Supernet training</legend>
        <Select
          k="mode"
          label="Mode"
          options={optionsOf('mode', { bn: 'BN-only (BN-NAS)', full: 'All weights (SPOS)', both: 'BN-NAS vs SPOS, side by side' })}
        />
        <Select k="bnscope" label="BNs that train" options={optionsOf('bnscope', { last: "each op's last BN", all: 'every BN' })} />
        <Select k="head" label="Classifier" options={optionsOf('head', { frozen: 'frozen', train: 'trained' })} />
        <Select k="opt" label="Optimizer" options={optionsOf('opt', { sgd: 'SGD, momentum 0.9', adam: 'Adam' })} />
        {num('lr', 'Learning rate', 'decays linearly to 0', 0.01)}
        {num('wd', 'Weight decay', 'L2 on the trained parameters (the Long run: 4e-5)', 1e-5)}
        <Select k="aug" label="Augmentation" options={optionsOf('aug', { none: 'none', cropflip: 'pad-crop + flip' })} />
        {num('clip', 'Gradient clip', "global L2 norm of each step's gradient; 0 = off", 0.5)}
        {config.mode === 'full' && config.lr > 0.2 && (
          <p className="hint" data-testid="lr-hint">
            Training every weight at lr {config.lr} usually diverges; ~0.05 suits full SPOS (1.0 suits BN-only).
          </p>
        )}
        {num('epochs', 'Epochs')}
        {config.mode === 'both' && (
          <div className="spos-fields" data-testid="spos-fields">
            {num('sposx', 'SPOS epochs ×', `SPOS trains ${config.sposx} × ${config.epochs} = ${config.sposx * config.epochs} epochs (the paper: 10×)`)}
            {num('sposlr', 'SPOS learning rate', 'SGD momentum 0.9 on every weight, decaying linearly', 0.01)}
            {num('sposn', 'Subnets SPOS evaluates', 'uniformly sampled; each costs a BN recalibration and a pass over the validation set')}
          </div>
        )}
        {num('batch', 'Batch size')}
        {num('seed', 'Seed', 'fixes init, data order and path sampling')}
        <Select k="backend" label="Backend" options={optionsOf('backend', { auto: 'auto', webgpu: 'webgpu', webgl: 'webgl', wasm: 'wasm', cpu: 'cpu' })} />
      </fieldset>
      <fieldset disabled={busy}>
        <legend>Search</legend>
        <Select
          k="idscore"
          label="Identity scores"
          options={optionsOf('idscore', { skip: '0 (every Identity a skip)', bn: 'its BN (the paper, literally)' })}
        />
        <p className="hint" data-testid="idscore-hint">
          A strided Identity is a 1×1 conv + BN: scored by its γ it looks like a block, though it is the weakest choice of its layer. Both rankings come from
          the same γs; switching re-ranks at once.
        </p>
        {num('topk', 'Top-k paths')}
        {budget('flops', 'FLOPs budget (M, or auto)')}
        {budget('params', 'Params budget (M, or auto)')}
      </fieldset>
    </section>
  );
}
