import { encodeConfig, spaceInfo, unusedKeys, usesKey } from '../../../config';
import { shownTop, useStore } from '../../../state/store';
import { download, toCsv } from '../../common/download';
import { retrainCsvTable } from '../retrain/retrainCsv';

/** Exports: the selected subnet as JSON or a PyTorch file, the ranking and retrain results as CSV. */
export function ExportBar() {
  const config = useStore((s) => s.runConfig);
  const top = useStore(shownTop);
  const selected = useStore((s) => s.selectedPath);
  const retrained = useStore((s) => s.retrained);
  if (!config || top.length === 0) return null;
  const row = top.find((r) => r.path === selected) ?? null;
  const accuracy = row ? retrained.find((r) => r.path === row.path)?.accuracy : undefined;
  // Only the keys of the run's space: a fixed network's subnet carries no custom ops or stages.
  const runKeys = Object.fromEntries(Object.entries(config).filter(([k]) => !(unusedKeys(config.space) as readonly string[]).includes(k)));
  const subnetJson = () =>
    row &&
    download(
      `subnet-${row.path}.json`,
      JSON.stringify(
        {
          config: runKeys,
          url: `#${encodeConfig(config)}`,
          path: row.path,
          ops: row.ops,
          flops: row.flops,
          params: row.params,
          score: row.score,
          ...(accuracy !== undefined ? { accuracy } : {}),
        },
        null,
        2,
      ) + '\n',
      'application/json',
    );
  const subnetPy = async (width?: number) => {
    if (!row) return;
    const source = await useStore.getState().exportPytorch(row.path, { score: row.score, accuracy, width });
    if (source !== null) download(`subnet-${row.path}${width !== undefined ? `-w${width}` : ''}.py`, source, 'text/x-python');
  };
  // The benchmark's accuracy is the width-1 network's: offer that one beside the run's narrower one.
  const narrow = usesKey(config.space, 'width') && config.width !== 1;
  const benchmark = spaceInfo(config.space).benchmark;
  const rankingCsv = () =>
    download(
      'ranking.csv',
      toCsv(
        ['rank', 'path', 'ops', 'score', 'flops', 'params'],
        top.map((r, i) => [i + 1, r.path, r.ops.join(' '), r.score, r.flops, r.params]),
      ),
      'text/csv',
    );
  const retrainCsv = () => {
    const t = retrainCsvTable(retrained);
    download('retrain.csv', toCsv(t.header, t.rows), 'text/csv');
  };
  return (
    <div className="export-bar" role="group" aria-label="Export">
      <span>Export:</span>
      <button type="button" disabled={!row} onClick={subnetJson} data-testid="export-json" title="select a row first">
        subnet JSON
      </button>
      <button type="button" disabled={!row} onClick={() => void subnetPy()} data-testid="export-pytorch" title="select a row first">
        PyTorch .py{narrow ? ` (width ${config.width}, as run)` : ''}
      </button>
      {narrow && benchmark && (
        <button
          type="button"
          disabled={!row}
          onClick={() => void subnetPy(1)}
          data-testid="export-pytorch-w1"
          title={`the network ${benchmark} trained, whose accuracy the page shows`}
        >
          PyTorch .py (width 1, the benchmark&apos;s)
        </button>
      )}
      <button type="button" onClick={rankingCsv} data-testid="export-ranking">
        ranking CSV
      </button>
      <button type="button" disabled={retrained.length === 0} onClick={retrainCsv} data-testid="export-retrain">
        retrain CSV
      </button>
    </div>
  );
}
