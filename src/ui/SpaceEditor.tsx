import { OP_DESCRIPTIONS, OP_IDS, OP_LABELS, optionsOf, spaceRecipe, type Config, type OpId, type Stage } from '../config';
import { numPaths, spaceOf, supernetParams, type SearchSpace } from '../engine/space';
import { useStore } from '../state/store';
import { BenchmarkCitation } from './BenchmarkCitation';
import { Explainer } from './Explainer';

const WIDTHS = [0.125, 0.25, 0.5, 1];

function formatStages(stages: Stage[]): string {
  return stages.map((s) => `${s.channels}x${s.layers}`).join(',');
}

function parseStages(text: string): Stage[] | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const stages = parts.map((p) => /^(\d+)\s*x\s*(\d+)$/i.exec(p)).map((m) => (m ? { channels: Number(m[1]), layers: Number(m[2]) } : null));
  return stages.length > 0 && stages.every(Boolean) ? (stages as Stage[]) : null;
}

/** The custom space's editor: candidate ops and stages. */
function CustomSpace({ ops, stages }: { ops: readonly OpId[]; stages: Stage[] }) {
  const setConfig = useStore((s) => s.setConfig);
  const toggle = (op: OpId) => {
    const next = ops.includes(op) ? ops.filter((o) => o !== op) : [...ops, op];
    if (next.length > 0) setConfig({ ops: OP_IDS.filter((o) => next.includes(o)) });
  };
  return (
    <>
      <div className="ops" role="group" aria-label="Candidate ops">
        {OP_IDS.map((op) => (
          <label key={op} className="op" title={OP_DESCRIPTIONS[op]}>
            <input type="checkbox" checked={ops.includes(op)} onChange={() => toggle(op)} data-testid={`op-${op}`} />
            <code>{op}</code> <small>{OP_DESCRIPTIONS[op]}</small>
          </label>
        ))}
      </div>
      <label className="field">
        <span>Stages (channels x layers)</span>
        <input
          key={formatStages(stages)} defaultValue={formatStages(stages)} data-testid="stages"
          onBlur={(e) => { const s = parseStages(e.currentTarget.value); if (s) setConfig({ stages: s }); else e.currentTarget.value = formatStages(stages); }}
          onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); }}
        />
      </label>
    </>
  );
}

/** NAS-Bench-Macro's fixed network at the chosen width: only the width is editable. */
function NbMacroSpace({ width, space }: { width: number; space: SearchSpace }) {
  const setConfig = useStore((s) => s.setConfig);
  const widths = WIDTHS.includes(width) ? WIDTHS : [...WIDTHS, width].sort((a, b) => a - b);
  const stageChannels = [...new Set(space.layers.map((l) => l.cout))];
  return (
    <>
      <label className="field">
        <span>Width</span>
        <select value={String(width)} data-testid="width-select" aria-describedby="nbmacro-network"
          onChange={(e) => setConfig({ width: Number(e.target.value) })}>
          {widths.map((w) => <option key={w} value={String(w)}>{w === 1 ? '1 (the benchmark\'s)' : `× ${w}`}</option>)}
        </select>
      </label>
      <ul className="nbmacro-network" id="nbmacro-network" data-testid="nbmacro-network">
        <li>stem: 3×3 conv → {space.stemChannels} channels, BN, ReLU</li>
        <li>3 stages of 2 / 3 / 3 choice layers at {stageChannels.join(' / ')} channels, the first of each with stride 2</li>
        <li>ops per layer: {space.ops.map((op) => <code key={op} className={`op-chip op-${op}`} title={OP_DESCRIPTIONS[op]}>{OP_LABELS[op]}</code>)}</li>
        <li>head: 1×1 conv → {space.headConv} (1280·width), BN, ReLU, pool, linear → 10</li>
      </ul>
      <Explainer>
        Every one of these networks was trained for real at width 1, so each ranking of this run is checked against the truth.
        A narrower supernet trains faster; its ranking is still compared with the full-width table.
      </Explainer>
      <BenchmarkCitation />
    </>
  );
}

/** The search space: NAS-Bench-Macro (fixed, with known accuracies) or the custom one (editable); live path count and supernet size. */
export function SpaceEditor({ disabled }: { disabled: boolean }) {
  const config = useStore((s) => s.config);
  const setConfig = useStore((s) => s.setConfig);
  const space = spaceOf(config);
  return (
    <fieldset disabled={disabled}>
      <legend>Search space</legend>
      <label className="field stacked">
        <span>Space</span>
        <select value={config.space} data-testid="space-select" aria-label="Search space"
          title={config.space === 'nbmacro' ? 'NAS-Bench-Macro (6,561 networks with known accuracy)' : 'Custom (editable)'}
          onChange={(e) => { const space = e.target.value as Config['space']; setConfig({ space, ...spaceRecipe(space) }); }}>
          {/* Short enough for the config column at every width; the title and the text below say the rest. */}
          {optionsOf('space', { nbmacro: 'NAS-Bench-Macro (6,561 networks)', custom: 'Custom (editable)' }).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
      {config.space === 'nbmacro'
        ? <NbMacroSpace width={config.width} space={space} />
        : <CustomSpace ops={config.ops} stages={config.stages} />}
      <p className="space-stats" data-testid="space-stats">
        {space.layers.length} layers × {space.ops.length} ops = <b data-testid="path-count">{numPaths(space).toLocaleString('en')}</b> paths ·
        supernet {(supernetParams(space) / 1e3).toFixed(1)}k params
      </p>
    </fieldset>
  );
}
