import { useEffect, useMemo, useRef, useState } from 'react';
import { benchmarkInfo, spaceInfo } from '../../../config';
import { allPathScores } from '../../../engine/search';
import { applyIdentityRule, numPaths, spaceOf } from '../../../engine/space';
import { bestAndRandomMean } from '../../../engine/truth';
import { useStore } from '../../../state/store';
import { PANEL_TITLES } from '../../../state/view';
import { Explainer } from '../../common/Explainer';
import { withCommas } from '../../common/format';
import { useWidth } from '../../charts/LiveLineChart';
import { PngButton } from '../../charts/PngButton';
import { drawScatter, type ScatterMark } from '../../charts/scatterCanvas';
import { TruthTaus } from './TruthTaus';
import { useThrowToBoundary } from '../../common/useThrowToBoundary';

const HEIGHT = 320;

/**
 * Every network of the benchmark's table: BN path score (at the heatmap's epoch) against true accuracy,
 * coloured by depth, on a canvas; beside it the score's rank agreement with the truth and the trivial baselines'.
 */
export function TruthScatter() {
  const config = useStore((s) => s.runConfig ?? s.config);
  const truth = useStore((s) => s.benchmarkTable);
  const benchmarkError = useStore((s) => s.benchmarkError);
  const epochs = useStore((s) => s.epochs);
  const chosen = useStore((s) => s.heatmapEpoch);
  const truthEpochs = useStore((s) => s.truthEpochs);
  const final = useStore((s) => (s.status === 'done' ? (s.result?.groundTruth ?? null) : null));
  const spos = final?.spos;
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = useWidth(box);
  const [zoom, setZoom] = useState(false);
  const fail = useThrowToBoundary();
  const space = useMemo(() => spaceOf(config), [config]);
  const shown = epochs.length === 0 ? null : epochs[Math.min(chosen ?? epochs.length, epochs.length) - 1]!;
  const fits = !!truth && !!shown && shown.scores.length === space.layers.length && truth.count === space.ops.length ** space.layers.length;
  // Keyed on the scores' values (24 numbers): the final result re-sends the same epochs, which need no redraw.
  const scores = fits ? shown!.scores : null;
  const scoresKey = scores ? scores.map((row) => row.join(',')).join(';') : '';
  // The gammas ranked under the Identity rule in force (switching it after a run redraws at once).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on scoresKey (the scores' values), not the array's identity, on purpose (above)
  const xs = useMemo(() => (scores ? allPathScores(applyIdentityRule(scores, space, config.idscore)) : null), [scoresKey, space, config.idscore]);
  // The tau row follows the epoch on show: the latest unless the heatmap is scrubbed back.
  const entry = truthEpochs.find((e) => e.epoch === shown?.epoch) ?? truthEpochs[truthEpochs.length - 1];
  const best = useMemo(() => (truth ? bestAndRandomMean(truth).best : null), [truth]);
  const floor = useMemo(() => (truth ? zoomFloor(truth.mean) : null), [truth]);
  const yMin = zoom && floor ? floor.value : undefined;
  const marks = useMemo((): ScatterMark[] => {
    const m: ScatterMark[] = [];
    const top = entry && entry.epoch === shown?.epoch && entry.parts.rule === config.idscore ? entry.found.index : xs ? argMax(xs) : -1;
    if (top >= 0) m.push({ index: top, label: 'BN-NAS top-1', color: '#e63946' });
    if (best) m.push({ index: best.index, label: 'best network', color: '#1d2433' });
    return m;
  }, [entry, shown, xs, best, config.idscore]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !xs || !truth || width === 0) return;
    const draw = () => {
      const dpr = window.devicePixelRatio || 1;
      el.width = Math.round(width * dpr);
      el.height = Math.round(HEIGHT * dpr);
      el.style.width = `${width}px`;
      el.style.height = `${HEIGHT}px`;
      const ctx = el.getContext('2d');
      // Some privacy settings and extensions block canvas drawing: say so rather than leave a blank box.
      if (!ctx) throw new Error('this browser gives the page no 2D canvas to draw on; a privacy setting or extension may block it');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      // Labels follow the page's font size (presenter mode enlarges it): 11 px at the normal 14 px.
      const fontPx = Math.round((parseFloat(getComputedStyle(el).fontSize) || 14) * 0.8);
      const drawn = drawScatter(ctx, width, HEIGHT, {
        fontPx,
        x: xs,
        y: truth.mean,
        cls: truth.depth,
        maxClass: space.layers.length,
        classLabel: 'depth (non-Identity layers):',
        marks,
        yMin,
        xLabel: `BN path score (sum of mean |γ|), epoch ${shown?.epoch ?? ''}`,
        yLabel: 'true accuracy (%)',
      });
      el.dataset.points = String(drawn);
      el.dataset.epoch = String(shown?.epoch ?? '');
    };
    // Drawn in the next frame, off the event that brought the epoch in: a few ms for 6,561 points.
    const frame = requestAnimationFrame(() => {
      try {
        draw();
      } catch (e) {
        fail(e);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [xs, truth, width, marks, space, shown, yMin, fail]);

  const benchmark = spaceInfo(config.space).benchmark;
  if (!benchmark) return null;
  const networks = withCommas(truth?.count ?? numPaths(space));
  return (
    <section className="panel truth" aria-label="BN score against the true accuracy">
      <h2>
        {PANEL_TITLES.truth}{' '}
        {shown && (
          <small>
            epoch {shown.epoch}
            {chosen == null ? ' (latest)' : ''}
          </small>
        )}
        {xs && (
          <PngButton
            target={box}
            name="truth-scatter"
            title={`BN path score (epoch ${shown?.epoch ?? ''}) vs true ${benchmarkInfo(benchmark).dataset} accuracy, ${networks} ${benchmark} networks`}
          />
        )}
      </h2>
      <Explainer>
        Each dot is one of the {networks} networks: across, its BN score; up, its true {benchmarkInfo(benchmark).dataset} accuracy from {benchmark}; colour, its
        depth (layers that are not Identity). A perfect proxy draws a rising line. An Identity scores 0 (with the rule <i>Identity 0</i>; a stride-2 Identity
        has a BN the other rule scores), so the BN score partly just counts depth, and counting depth alone already ranks these networks{' '}
        {truth ? <>with τ {truth.baselines.depth.kendall.toFixed(2)}</> : 'well (its τ shows once the table is loaded, with the first run)'}: a proxy must beat
        that trivial rule. <i>τ within depth</i> asks what the score knows beyond depth: Kendall τ inside each group of equally deep networks, averaged by group
        size.
      </Explainer>
      <div className="truth-body">
        {xs && floor && (
          <div className="truth-tools">
            <label>
              <input type="checkbox" checked={zoom} onChange={(e) => setZoom(e.target.checked)} data-testid="truth-zoom" /> zoom in on the{' '}
              {floor.count.toLocaleString('en')} networks at {floor.value}% and above
            </label>
          </div>
        )}
        <div className="truth-canvas" ref={box}>
          {xs && truth ? (
            <canvas
              ref={canvas}
              data-testid="truth-scatter"
              role="img"
              tabIndex={0}
              aria-label={`Scatter of ${yMin !== undefined && floor ? `the ${floor.count} networks at ${floor.value}% and above` : `all ${truth.count} networks`}: BN path score at epoch ${shown?.epoch} against true accuracy, coloured by depth; Kendall tau ${entry ? entry.rules[config.idscore].kendall.toFixed(3) : 'not yet known'}`}
            />
          ) : benchmarkError && !truth ? (
            <p className="empty" role="alert" data-testid="truth-error">
              The benchmark table could not be loaded ({benchmarkError}), so nothing can be checked against the truth. The ranking and the other panels are
              unaffected; reload the page to try again.
            </p>
          ) : (
            <p className="empty">The {networks} networks appear after the first epoch.</p>
          )}
        </div>
        {xs && truth && <TruthTaus truth={truth} entry={entry} final={final} epochs={truthEpochs} spos={spos} rule={config.idscore} />}
      </div>
    </section>
  );
}

/** The whole percent just below the 5th percentile of the accuracies, and how many networks reach it. */
function zoomFloor(mean: ArrayLike<number>): { value: number; count: number } {
  const sorted = Float64Array.from(mean).sort();
  const value = Math.floor(sorted[Math.floor(sorted.length * 0.05)] ?? 0);
  return { value, count: sorted.filter((m) => m >= value).length };
}

function argMax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}
