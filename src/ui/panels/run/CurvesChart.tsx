import { useMemo, useRef } from 'react';
import { useStore } from '../../../state/store';
import { PANEL_TITLES } from '../../../state/view';
import { pct } from '../../common/format';
import { PngButton } from '../../charts/PngButton';
import { Explainer } from '../../common/Explainer';
import { LiveLineChart, type Axis, type Series } from '../../charts/LiveLineChart';

const SERIES: Series[] = [
  { key: 'loss', name: 'loss', color: '#e63946' },
  { key: 'train', name: 'train acc %', color: '#457b9d', axis: 'right' },
  { key: 'val', name: 'val acc %', color: '#2a9d8f', axis: 'right', connectNulls: true },
];
// At least 0.1 tall: a supernet at chance moves its loss in the third decimal, which is no trend worth a zig-zag.
const LOSS: Axis = { domain: 'auto', width: 56, minSpan: 0.1, format: (v) => v.toFixed(3), tickFormat: (v, d) => v.toFixed(d) };
const ACC: Axis = { domain: [0, 100], width: 48, unit: '%' };

/** Supernet loss and accuracy per epoch. */
export function CurvesChart() {
  const box = useRef<HTMLDivElement>(null);
  const epochs = useStore((s) => s.epochs);
  const last = epochs[epochs.length - 1];
  const data = useMemo(
    () =>
      epochs.map((e) => ({
        x: e.epoch,
        loss: +e.loss.toFixed(4),
        train: +(e.trainAccuracy * 100).toFixed(2),
        val: e.valAccuracy == null ? null : +(e.valAccuracy * 100).toFixed(2),
      })),
    [epochs],
  );
  return (
    <section className="panel chart chart-with-overlay" aria-label="Loss and accuracy">
      <h2>
        {PANEL_TITLES.curves} <PngButton target={box} name="curves" title="Supernet loss and accuracy by epoch" />
      </h2>
      <Explainer>
        Each step trains one random path (SPOS); with BN-only training the convolutions stay at their random init and only the BN scales and shifts learn.
        Chance accuracy is 10%. A supernet that stays near chance gives gammas that carry little signal.
      </Explainer>
      {data.length === 0 && <p className="empty overlay">Curves appear after the first epoch.</p>}
      <div className="chart-box" ref={box} data-testid="curves-chart">
        <LiveLineChart data={data} series={SERIES} height={220} left={LOSS} right={ACC} xLabel="epoch" label="Supernet loss and accuracy by epoch" />
      </div>
      {last && (
        <p
          className="curves-final"
          data-testid="curves-final"
          data-epoch={last.epoch}
          data-loss={last.loss}
          data-train={last.trainAccuracy}
          data-val={last.valAccuracy ?? ''}
        >
          After epoch {last.epoch}: loss <b>{last.loss.toFixed(3)}</b> · train accuracy <b>{pct(last.trainAccuracy)}</b> · validation accuracy{' '}
          <b>{pct(last.valAccuracy)}</b>
          <small>
            {' '}
            (loss: mean cross-entropy over the epoch's steps, 2.30 = guessing among 10 classes; train: the sampled paths on their own batches; validation: fixed
            paths on held-out images)
          </small>
        </p>
      )}
    </section>
  );
}
