import { OP_DESCRIPTIONS, OP_IDS, type OpId, type Stage } from '../config';
import { buildSpace, numPaths, supernetParams } from '../engine/space';
import { useStore } from '../state/store';

function formatStages(stages: Stage[]): string {
  return stages.map((s) => `${s.channels}x${s.layers}`).join(',');
}

function parseStages(text: string): Stage[] | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const stages = parts.map((p) => /^(\d+)\s*x\s*(\d+)$/i.exec(p)).map((m) => (m ? { channels: Number(m[1]), layers: Number(m[2]) } : null));
  return stages.length > 0 && stages.every(Boolean) ? (stages as Stage[]) : null;
}

/** Candidate ops and stages, with the live path count and supernet size. */
export function SpaceEditor({ disabled }: { disabled: boolean }) {
  const ops = useStore((s) => s.config.ops);
  const stages = useStore((s) => s.config.stages);
  const setConfig = useStore((s) => s.setConfig);
  const space = buildSpace(ops, stages);
  const toggle = (op: OpId) => {
    const next = ops.includes(op) ? ops.filter((o) => o !== op) : [...ops, op];
    if (next.length > 0) setConfig({ ops: OP_IDS.filter((o) => next.includes(o)) });
  };
  return (
    <fieldset disabled={disabled}>
      <legend>Search space</legend>
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
      <p className="space-stats" data-testid="space-stats">
        {space.layers.length} layers × {ops.length} ops = <b data-testid="path-count">{numPaths(space).toLocaleString('en')}</b> paths ·
        supernet {(supernetParams(space) / 1e3).toFixed(1)}k params
      </p>
    </fieldset>
  );
}
