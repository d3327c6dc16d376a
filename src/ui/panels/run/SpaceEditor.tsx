import {
  DEFAULT_SPACE,
  OP_DESCRIPTIONS,
  OP_IDS,
  OP_LABELS,
  SPACE_IDS,
  spaceInfo,
  spaceRecipe,
  usesKey,
  type Config,
  type OpId,
  type SpaceId,
  type Stage,
} from '../../../config';
import { numPaths, spaceOf, supernetParams, type SearchSpace } from '../../../engine/space';
import { useStore } from '../../../state/store';
import { BenchmarkCitation } from '../truth/BenchmarkCitation';
import { Explainer } from '../../common/Explainer';

const WIDTHS = [0.125, 0.25, 0.5, 1];

function formatStages(stages: Stage[]): string {
  return stages.map((s) => `${s.channels}x${s.layers}`).join(',');
}

function parseStages(text: string): Stage[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
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
          key={formatStages(stages)}
          defaultValue={formatStages(stages)}
          data-testid="stages"
          onBlur={(e) => {
            const s = parseStages(e.currentTarget.value);
            if (s) setConfig({ stages: s });
            else e.currentTarget.value = formatStages(stages);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
      </label>
    </>
  );
}

/** The channel counts of a fixed network's stages, and their lengths: a new stage starts where a layer changes the width or strides. */
function stagesOf(space: SearchSpace): { channels: number; layers: number; strided: boolean }[] {
  const out: { channels: number; layers: number; strided: boolean }[] = [];
  for (const l of space.layers) {
    const last = out[out.length - 1];
    if (!last || l.stride > 1 || l.cout !== last.channels) out.push({ channels: l.cout, layers: 1, strided: l.stride > 1 });
    else last.layers++;
  }
  return out;
}

/** A space whose network is fixed (not editable): described from its structure; its width, where the space has one, is the only choice. */
function FixedSpace({ config, space }: { config: Config; space: SearchSpace }) {
  const setConfig = useStore((s) => s.setConfig);
  const info = spaceInfo(config.space);
  const width = config.width;
  const widths = WIDTHS.includes(width) ? WIDTHS : [...WIDTHS, width].sort((a, b) => a - b);
  const stages = stagesOf(space);
  const allStrided = stages.every((s) => s.strided);
  return (
    <>
      {usesKey(config.space, 'width') && (
        <label className="field">
          <span>Width</span>
          <select
            value={String(width)}
            data-testid="width-select"
            aria-describedby="space-network"
            onChange={(e) => setConfig({ width: Number(e.target.value) })}
          >
            {widths.map((w) => (
              <option key={w} value={String(w)}>
                {w === 1 ? `1 (${info.benchmark ? "the benchmark's" : 'full'})` : `× ${w}`}
              </option>
            ))}
          </select>
        </label>
      )}
      <ul className="space-network" id="space-network" data-testid="space-network">
        <li>
          stem: 3×3 conv → {space.stemChannels} channels, BN{space.stemRelu ? ', ReLU' : ''}
        </li>
        <li>
          {stages.length} stages of {stages.map((s) => s.layers).join(' / ')} choice layers at {stages.map((s) => s.channels).join(' / ')} channels
          {allStrided ? ', the first of each with stride 2' : ''}
        </li>
        <li>
          ops per layer:{' '}
          {space.ops.map((op) => (
            <code key={op} className={`op-chip op-${op}`} title={OP_DESCRIPTIONS[op]}>
              {OP_LABELS[op]}
            </code>
          ))}
        </li>
        <li>
          head: {space.headConv !== null && <>1×1 conv → {space.headConv}, BN, </>}ReLU, pool, linear → {space.numClasses}
        </li>
      </ul>
      {info.benchmark && (
        <>
          <Explainer>
            Every one of these networks was trained for real at width 1, so each ranking of this run is checked against the truth. A narrower supernet trains
            faster; its ranking is still compared with the full-width table.
          </Explainer>
          <BenchmarkCitation benchmark={info.benchmark} />
        </>
      )}
    </>
  );
}

/** The selector's options: the default space first, then the table's order. */
const OPTION_ORDER: readonly SpaceId[] = [DEFAULT_SPACE, ...SPACE_IDS.filter((id) => id !== DEFAULT_SPACE)];

/** The search space: an editable one (ops and stages) or a fixed network (its width), as its entry says; live path count and supernet size. */
export function SpaceEditor({ disabled }: { disabled: boolean }) {
  const config = useStore((s) => s.config);
  const setConfig = useStore((s) => s.setConfig);
  const space = spaceOf(config);
  return (
    <fieldset disabled={disabled}>
      <legend>Search space</legend>
      <label className="field stacked">
        <span>Space</span>
        <select
          value={config.space}
          data-testid="space-select"
          aria-label="Search space"
          title={spaceInfo(config.space).title}
          onChange={(e) => {
            const space = e.target.value as Config['space'];
            setConfig({ space, ...spaceRecipe(space) });
          }}
        >
          {/* Short enough for the config column at every width; the title and the text below say the rest. */}
          {OPTION_ORDER.map((id) => (
            <option key={id} value={id}>
              {spaceInfo(id).option}
            </option>
          ))}
        </select>
      </label>
      {spaceInfo(config.space).editable ? <CustomSpace ops={config.ops} stages={config.stages} /> : <FixedSpace config={config} space={space} />}
      <p className="space-stats" data-testid="space-stats">
        {space.layers.length} layers × {space.ops.length} ops = <b data-testid="path-count">{numPaths(space).toLocaleString('en')}</b> paths · supernet{' '}
        {(supernetParams(space) / 1e3).toFixed(1)}k params
      </p>
    </fieldset>
  );
}
