import { chanceCheck, type ChanceCheck } from '../../engine/stats';
import { useStore } from '../../state/store';
import { pct } from './format';

/** CIFAR-10 and the generated images both have 10 classes. */
const CLASSES = 10;

export interface ChanceState extends ChanceCheck {
  accuracy: number;
  epoch: number;
  n: number;
}

/** The last epoch's supernet validation accuracy against guessing; null before an epoch or without a validation set. */
export function useChance(): ChanceState | null {
  const last = useStore((s) => s.epochs[s.epochs.length - 1]);
  const n = useStore((s) => (s.runConfig ?? s.config).val);
  if (!last || last.valAccuracy == null || n <= 0) return null;
  return { ...chanceCheck(last.valAccuracy, n, CLASSES), accuracy: last.valAccuracy, epoch: last.epoch, n };
}

/**
 * Says so, once above the results, when the supernet has not beaten guessing: its gammas then
 * carry little signal, and both the heatmap's and the ranking's order are mostly noise.
 */
export function ChanceBanner() {
  const c = useChance();
  if (!c?.atChance) return null;
  return (
    <div className="banner warn inline chance" role="status" data-testid="chance-banner" data-accuracy={c.accuracy} data-bound={c.bound} data-n={c.n}>
      <div>
        <b>The supernet is at chance level:</b> validation accuracy after epoch {c.epoch} is <b data-testid="chance-accuracy">{pct(c.accuracy)}</b>; guessing
        among {CLASSES} classes scores {pct(c.chance, 0)} and, on {c.n.toLocaleString('en')} validation images, reaches up to{' '}
        <b data-testid="chance-bound">{pct(c.bound)}</b> by luck alone. Its gammas carry little signal, so the heatmap&apos;s brightest cells and the
        ranking&apos;s order are mostly noise.
        <br />
        <small>(The bound is 10% + 1.645 × √(0.1 × 0.9 / {c.n}): what pure guessing stays under 95% of the time.)</small>
        <br />
        What leaves chance: the <b>Long run</b> preset, which trains every BN and the classifier for a few thousand steps (a frozen classifier pins the logits,
        so the paper&apos;s recipe stays at chance at this scale).
      </div>
    </div>
  );
}
