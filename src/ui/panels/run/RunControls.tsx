import { useEffect, type ReactNode } from 'react';
import type { ProgressEvent } from '../../../worker/events';
import { HAND_BACK_BYTES } from '../../../state/heap';
import { useStore, type RunStatus } from '../../../state/store';
import { duration } from '../../common/format';
import { OpenReport, TrainedWithLine } from './OpenReport';

const ACTIVE: RunStatus[] = ['starting', 'training', 'paused'];
/** The Run button's id: a preset moves the focus there, so Space then starts the run. */
export const RUN_BUTTON_ID = 'run-button';

/** Mode 'both' runs three stages; the progress line says which one its counts belong to. */
function stageLabel(p: ProgressEvent, mode: string): ReactNode {
  if (mode !== 'both') return null;
  if (p.stage === 'spos-eval' && p.evaluated)
    return (
      <>
        <b data-testid="stage">SPOS evaluation</b> subnet {p.evaluated.done}/{p.evaluated.total} at SPOS epoch {p.evaluated.epoch} ·{' '}
      </>
    );
  return (
    <>
      <b data-testid="stage">{p.stage === 'bn' ? 'BN-NAS supernet' : 'SPOS supernet'}</b> ·{' '}
    </>
  );
}

/** Run / Pause / Resume / Step / Stop / Reset, keyboard shortcuts, and the progress bar with ETA. */
export function RunControls() {
  const status = useStore((s) => s.status);
  const progress = useStore((s) => s.progress);
  const wall = useStore((s) => s.wallSeconds);
  const restoredAt = useStore((s) => s.restoredAt);
  const mode = useStore((s) => (s.runConfig ?? s.config).mode);
  const { run, pause, resume, stepEpoch, stop, reset } = useStore.getState();
  const active = ACTIVE.includes(status);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      // Space and Enter belong to whatever control has focus (buttons, rows, the About summary).
      if (e.key === ' ' && t && t !== document.body && t.closest('button, summary, a, [tabindex], [role=button]')) return;
      const s = useStore.getState();
      if (e.key === ' ' || e.key === 'k') {
        e.preventDefault();
        if (s.status === 'training') s.pause();
        else if (s.status === 'paused') s.resume();
        else if (!ACTIVE.includes(s.status)) void s.run();
      } else if (e.key === 'n') s.stepEpoch();
      else if (e.key === 'Escape' && ACTIVE.includes(s.status)) s.stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const fraction = progress && progress.totalSteps > 0 ? progress.step / progress.totalSteps : 0;
  return (
    <section className="panel controls" aria-label="Run controls">
      <div className="buttons">
        <button type="button" id={RUN_BUTTON_ID} className="primary" onClick={() => void run()} disabled={active} data-testid="run" aria-keyshortcuts="Space">
          Run
        </button>
        {status === 'paused' ? (
          <button type="button" onClick={resume} data-testid="resume" aria-keyshortcuts="Space">
            Resume
          </button>
        ) : (
          <button type="button" onClick={pause} disabled={status !== 'training'} data-testid="pause" aria-keyshortcuts="Space">
            Pause
          </button>
        )}
        <button
          type="button"
          onClick={stepEpoch}
          disabled={status === 'starting' || status === 'training'}
          data-testid="step"
          aria-keyshortcuts="N"
          title="Train one epoch, then pause"
        >
          Step epoch
        </button>
        <button type="button" onClick={stop} disabled={!active} data-testid="stop" aria-keyshortcuts="Escape">
          Stop
        </button>
        <button type="button" onClick={reset} disabled={status === 'idle'} data-testid="reset">
          Reset
        </button>
        {!active && <OpenReport />}
        <span className="status" data-testid="status" aria-live="polite">
          {status}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="progress-fill scaled" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <p className="progress-text" data-testid="progress-text">
        {progress ? (
          <>
            {stageLabel(progress, mode)}epoch {Math.min(progress.epoch + 1, progress.epochs)}/{progress.epochs} · step {progress.step}/{progress.totalSteps} ·
            loss {progress.loss?.toFixed(3) ?? '—'} · ETA {status === 'done' ? '0:00' : duration(progress.etaSeconds)}
            {wall != null && (
              <>
                {' '}
                · finished in <span data-testid="wall-seconds">{wall.toFixed(1)}</span> s
              </>
            )}
          </>
        ) : (
          'Press Run (Space) to train the supernet. N steps one epoch, Esc stops.'
        )}
      </p>
      <TrainedWithLine />
      {restoredAt && status === 'done' && (
        <p className="restored" data-testid="restored">
          Showing the results saved on {new Date(restoredAt).toLocaleString()} for this exact config.{' '}
          <button type="button" className="link" onClick={() => void run()} data-testid="rerun">
            Re-run
          </button>
        </p>
      )}
      <p className="memory" data-testid="memory">
        {progress ? `worker tensors: ${progress.memory.numTensors} · ${(progress.memory.numBytes / 1e6).toFixed(1)} MB` : ''}
        {progress?.memory.heapBytes != null && (
          <span
            title={`The WASM backend's memory: it grows to a run's peak and WebAssembly never shrinks it; after a run that grew it past ${HAND_BACK_BYTES / 1024 ** 3} GB the engine restarts to hand it back.`}
          >
            {' · WASM heap '}
            <span data-testid="wasm-heap">{(progress.memory.heapBytes / 1e6).toFixed(0)}</span> MB
          </span>
        )}
      </p>
    </section>
  );
}
