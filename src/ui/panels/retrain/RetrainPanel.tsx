import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { spaceInfo } from '../../../config';
import { spaceOf } from '../../../engine/space';
import { rangeOf } from '../../../config';
import { shownTop, useStore } from '../../../state/store';
import { retrainBlocked } from '../../../state/imported';
import { Explainer } from '../../common/Explainer';
import { duration, fixed, kparams, mflops, pct } from '../../common/format';
import { NumberField } from '../../common/NumberField';
import { download } from '../../common/download';
import { ProxyChart } from './ProxyChart';
import { ProxyLeaderboard } from './ProxyLeaderboard';
import { TruthLeaderboard } from '../truth/TruthLeaderboard';
import { meanAndSd } from '../../../engine/stats';
import { RetrainCurves } from './RetrainCurves';
import { KeyOps, PathOps } from '../../common/PathOps';

/**
 * Downloads the retrained subnet's model.json, then its weights file (model.json points at it by name).
 * Named `.model.json`, apart from the ranking's subnet JSON (`subnet-<path>.json`, its description).
 */
async function exportTfjs(path: string): Promise<void> {
  const out = await useStore.getState().exportTfjs(path);
  if (!out) return;
  download(`subnet-${path}.model.json`, out.modelJson, 'application/json');
  download(out.weightsFileName, out.weightsBin, 'application/octet-stream');
}

/** The retrain queue, its progress, the results, and the proxy check: does the BN score predict accuracy? */
export function RetrainPanel() {
  // Narrow selection: training progress events (10/s) do not re-render this panel.
  const s = useStore(
    useShallow((st) => ({
      top: shownTop(st),
      truth: st.benchmarkTable,
      runSpace: (st.runConfig ?? st.config).space,
      trainImages: (st.runConfig ?? st.config).n,
      selectedPath: st.selectedPath,
      retrainStatus: st.retrainStatus,
      status: st.status,
      result: st.result,
      queue: st.queue,
      retrainProgress: st.retrainProgress,
      retrainEpochs: st.config.repochs,
      retrainLr: st.config.rlr,
      retrainSeeds: st.config.rseeds,
      retrainError: st.retrainError,
      retrained: st.retrained,
      enqueue: st.enqueue,
      enqueueSpread: st.enqueueSpread,
      setConfig: st.setConfig,
      retrainQueue: st.retrainQueue,
      stopRetrain: st.stopRetrain,
      dequeue: st.dequeue,
      runConfig: st.runConfig ?? st.config,
      blocked: retrainBlocked(st.imported, st.runConfig),
    })),
  );
  const space = useMemo(() => spaceOf(s.runConfig), [s.runConfig]);
  const shortNames = spaceInfo(s.runConfig.space).shortChips;
  const selected = s.top.find((r) => r.path === s.selectedPath) ?? null;
  const running = s.retrainStatus === 'running';
  const trainingBusy = s.status === 'starting' || s.status === 'training' || s.status === 'paused';
  const canRetrain = s.result !== null && s.queue.length > 0 && !running && !trainingBusy && !s.blocked;
  const p = s.retrainProgress;
  return (
    <section className="panel retrain" aria-label="Retrain and check the proxy">
      <h2>Does the score tell the truth?</h2>
      <Explainer>
        Retrain chosen subnets from scratch — every weight trainable, pad-crop and flip augmentation, cosine learning rate — and plot their validation accuracy
        against their BN score. If BN-NAS's cheap score is a good proxy, the points rise from left to right and Kendall τ is clearly above 0. Mind the noise:
        retraining the same subnet with another seed moves its accuracy too.
      </Explainer>
      <div className="retrain-controls">
        <button
          type="button"
          disabled={!selected || running}
          data-testid="enqueue-selected"
          onClick={() => selected && s.enqueue({ path: selected.path, score: selected.score })}
        >
          Add selected path
        </button>
        <button
          type="button"
          disabled={!s.result || running}
          data-testid="enqueue-spread"
          onClick={() => void s.enqueueSpread(5)}
          title="best, quartiles and worst of the full ranking"
        >
          Add spread (5)
        </button>
        <NumberField label="Epochs" value={s.retrainEpochs} onCommit={(v) => s.setConfig({ repochs: v })} testId="retrain-epochs" />
        <NumberField label="LR" value={s.retrainLr} step={0.01} onCommit={(v) => s.setConfig({ rlr: v })} testId="retrain-lr" />
        <NumberField
          label="Seeds"
          value={s.retrainSeeds}
          onCommit={(v) => s.setConfig({ rseeds: v })}
          testId="retrain-seeds"
          {...rangeOf('rseeds')}
          hint={`retrain each subnet this many times with different seeds (${rangeOf('rseeds').min}-${rangeOf('rseeds').max}): accuracy is the mean, and the leaderboard shows the seed noise`}
        />
        <button type="button" className="primary" disabled={!canRetrain} onClick={() => void s.retrainQueue()} data-testid="retrain">
          Retrain {s.queue.length || ''}
        </button>
        <button type="button" disabled={!running} onClick={s.stopRetrain} data-testid="retrain-stop">
          Stop
        </button>
      </div>
      {s.blocked && (
        <p className="hint" data-testid="retrain-blocked">
          {s.blocked}
        </p>
      )}
      {!s.result && <p className="hint">Run the supernet first: retraining uses its data split and its scores.</p>}
      {s.queue.length > 0 && (
        <ul className="queue" data-testid="queue">
          {s.queue.map((q) => (
            <li key={q.path} data-path={q.path}>
              <KeyOps path={q.path} space={space} shortNames={shortNames} /> score {fixed(q.score, 5)}
              <button type="button" className="link" disabled={running} onClick={() => s.dequeue(q.path)} aria-label={`Remove ${q.path} from the queue`}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {running && p && (
        <p className="progress-text" data-testid="retrain-progress">
          subnet {p.index + 1}/{p.count} <KeyOps path={p.path} space={space} shortNames={shortNames} />
          {p.seeds > 1 && (
            <>
              {' '}
              · seed {p.seed + 1}/{p.seeds}
            </>
          )}{' '}
          · epoch {Math.min(p.epoch + 1, p.epochs)}/{p.epochs} · step {p.step}/{p.totalSteps} · loss {p.loss?.toFixed(3) ?? '—'} · val{' '}
          {p.curve.length ? pct(p.curve[p.curve.length - 1]) : '—'} · ETA {duration(p.etaSeconds)}
        </p>
      )}
      {s.retrainError && (
        <div className="banner error inline" role="alert" data-testid="retrain-error">
          {s.retrainError}
        </div>
      )}
      <RetrainCurves done={s.retrained} running={running ? p : null} space={space} shortNames={shortNames} />
      <div className="retrain-results">
        {/* The truth leads where there is one: retraining here is the noisier yardstick. */}
        {s.truth && spaceInfo(s.runSpace).benchmark && (
          <TruthLeaderboard results={s.retrained} comparison={s.result?.comparison} truth={s.truth} images={s.trainImages} />
        )}
        <ProxyChart results={s.retrained} shortNames={shortNames} chance={1 / space.numClasses} />
        <ProxyLeaderboard results={s.retrained} comparison={s.result?.comparison} />
        {s.retrained.length > 0 && (
          <table className="rank-table" data-testid="retrain-results">
            <thead>
              <tr>
                <th>path</th>
                <th>BN score</th>
                <th>accuracy</th>
                <th title="standard deviation over the retrain seeds">± seeds</th>
                <th>FLOPs</th>
                <th>params</th>
                <th>time</th>
                <th>export</th>
              </tr>
            </thead>
            <tbody>
              {[...s.retrained]
                .sort((a, b) => b.score - a.score)
                .map((r) => (
                  <tr key={r.path} data-path={r.path} data-accuracies={r.accuracies.join(',')}>
                    <td>
                      <PathOps ops={r.ops} path={r.path} shortNames={shortNames} />
                    </td>
                    <td>{fixed(r.score, 5)}</td>
                    <td>{pct(r.accuracy)}</td>
                    <td>{r.accuracies.length > 1 ? `± ${(meanAndSd(r.accuracies).sd * 100).toFixed(1)} (${r.accuracies.length})` : '—'}</td>
                    <td>{mflops(r.flops)}</td>
                    <td>{kparams(r.params)}</td>
                    <td>{r.seconds.toFixed(0)} s</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        data-testid={`export-tfjs-${r.path}`}
                        onClick={() => void exportTfjs(r.path)}
                        title={`TensorFlow.js Layers model: subnet-${r.path}.model.json and its weights file (keep them in one folder), for tf.loadLayersModel`}
                      >
                        TF.js
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
