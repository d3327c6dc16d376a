import { useEffect, useId, useState } from 'react';
import { DEFAULT_CONFIG, PAPER_PRESET, spaceDefaults, spaceInfo, usesKey, type Config } from '../../config';
import { clearRuns, countRuns, onSavedRunsChanged } from '../../state/persist';
import { KEEP_RUNS } from '../../state/savedRunsPolicy';
import { useStore } from '../../state/store';
import { PANEL_TITLES } from '../../state/view';
import { Markdown } from '../common/Markdown';
import recipe from '../../../docs/recipe.md?raw';

const OPT: Record<Config['opt'], string> = { sgd: 'SGD (momentum 0.9)', adam: 'Adam' };
const SCOPE: Record<Config['bnscope'], string> = { last: "each op's last BN", all: 'every BN' };
/** 1 → '1.0', 0.02 → '0.02': a learning rate reads as a rate. */
const rate = (lr: number) => (Number.isInteger(lr) ? lr.toFixed(1) : String(lr));
const DATA: Record<Config['data'], string> = { builtin: 'built-in CIFAR-10 images', generated: 'generated images', cifar10: 'your CIFAR-10 files' };

/** The recipe a link on this space starts from (the table's defaults with the space's own over them). */
function spaceDefault(space: Config['space']): Config {
  return { ...DEFAULT_CONFIG, ...spaceDefaults(space), space } as Config;
}

/** What the page runs by default for `space`, in one sentence from the config table (so it cannot drift from it). */
function DefaultRecipe({ space }: { space: Config['space'] }) {
  const d = spaceDefault(space);
  return (
    <p data-testid="about-default">
      <b>What this page runs by default on {spaceInfo(space).label}:</b> {OPT[d.opt]} at lr {rate(d.lr)} on {SCOPE[d.bnscope]}, classifier {d.head},{' '}
      {d.n.toLocaleString('en')} {DATA[d.data]} ({d.val} more for validation), {d.epochs} epochs
      {usesKey(space, 'width') && (
        <>
          , width {d.width} (each channel count × {d.width}: a small, fast supernet)
        </>
      )}
      . {spaceInfo(space).recipeNote}
    </p>
  );
}

/** What this browser keeps of finished runs, and a way to delete it. */
function SavedRuns() {
  const [count, setCount] = useState<number | null | undefined>(undefined);
  const [cleared, setCleared] = useState<string | null>(null);
  const refresh = () => {
    void countRuns().then(setCount);
  };
  useEffect(() => {
    refresh();
    return onSavedRunsChanged(refresh);
  }, []);
  const clear = async () => {
    const before = count ?? 0;
    try {
      await clearRuns();
      setCleared(`Deleted ${before} saved run${before === 1 ? '' : 's'}.`);
    } catch (e) {
      setCleared(`Could not delete them: ${(e as Error).message}`);
    }
    refresh();
  };
  return (
    <p data-testid="saved-runs">
      <b>Saved runs:</b> this browser keeps your newest {KEEP_RUNS} finished runs (and every run with retrained subnets) so a link reopens with its results at
      once; nothing leaves your browser.{' '}
      {count === null ? (
        'Storage is unavailable here (private mode?), so nothing is kept.'
      ) : count === undefined ? (
        ''
      ) : (
        <>
          <span data-testid="saved-runs-count">{count}</span> saved now.{' '}
          <button type="button" onClick={() => void clear()} disabled={count === 0} data-testid="saved-runs-clear">
            Delete saved runs
          </button>
        </>
      )}
      {cleared && <span role="status"> {cleared}</span>}
    </p>
  );
}

/** docs/recipe.md, shown in the page on request (a button, so the About panel keeps one summary). */
function RecipeNotes() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="recipe-notes" data-testid="recipe-notes">
      <button type="button" className="disclosure" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)} data-testid="recipe-notes-toggle">
        {open ? '▾' : '▸'} The recipe notes in full (docs/recipe.md)
      </button>
      {open && (
        <div id={id}>
          <Markdown source={recipe} base={3} />
        </div>
      )}
    </div>
  );
}

/** The method in brief: formulas, the paper's claims and setting, the page's defaults, and what the recipe study found. */
export function AboutPanel() {
  const space = useStore((s) => (s.runConfig ?? s.config).space);
  const paper = PAPER_PRESET;
  return (
    <section className="panel about" aria-label="About BN-NAS">
      <details>
        <summary>
          <h2>{PANEL_TITLES.about}</h2>
        </summary>
        <p>
          <b>BN-NAS</b> (Chen et al., ICCV 2021) searches a one-shot supernet of <i>L</i> choice layers with <i>K</i> candidate ops each (
          <i>
            K<sup>L</sup>
          </i>{' '}
          subnets). Every op ends with a BatchNorm <code>y = γ·x̂ + β</code>.
        </p>
        <ol>
          <li>
            <b>BN-only supernet training.</b> Convolutions stay at their random He-normal init; only γ and β of each op's last BN train. Each step samples one
            path uniformly (SPOS) and updates only that path.
          </li>
          <li>
            <b>Indicator.</b> op score{' '}
            <code>
              s(l,k) = mean<sub>c</sub> |γ<sub>c</sub>|
            </code>{' '}
            of the op's last BN; path score
            <code>
              {' '}
              S(path) = Σ<sub>l</sub> s(l, path<sub>l</sub>)
            </code>
            . An identity skip has no BN and scores 0. Every figure on this page is also split in two: each layer&apos;s <i>level</i> (the mean score of its
            ops) and each op&apos;s
            <i>difference</i> from it. Only the differences tell a layer&apos;s ops apart.
          </li>
          <li>
            <b>Search.</b> Rank paths by S (top-k, or the best under a FLOPs/params budget; the paper uses evolutionary search), then retrain the chosen subnets
            from scratch.
          </li>
        </ol>
        <p data-testid="about-paper">
          <b>The paper's setting:</b> {OPT[paper.opt!]} at lr {rate(paper.lr!)} on {SCOPE[paper.bnscope!]} only, classifier {paper.head} (the{' '}
          <i>Paper recipe</i> preset). <b>Its claims:</b> supernet training over 10× faster (10 instead of 100 epochs, and no conv gradients), and subnet
          evaluation over 600,000× faster than SPOS's accuracy-based evaluation, without losing accuracy. Here you can check each part: the{' '}
          <i>BN-NAS vs SPOS</i> mode measures both speedups in one run on your machine and shows whether the two rankings agree;{' '}
          <i>Does the score tell the truth?</i> retrains subnets from scratch and ranks the BN score against SPOS accuracy, parameter count and zero-cost
          proxies on the same retrained accuracies.
        </p>
        <DefaultRecipe space={space} />
        <p data-testid="about-findings">
          <b>What the recipe study found on NAS-Bench-Macro</b> (docs/recipe.md, every run ranked against the 6,561 really trained networks; τ: 1 = the same
          order, 0 = unrelated). With each op&apos;s last BN training and the classifier frozen (the paper&apos;s recipe and this page&apos;s quick default) the
          supernet stays at chance at this scale: a frozen classifier pins the logits. Training every BN and the classifier for about 3,000 steps (the{' '}
          <i>Long run</i>) leaves chance, and with every Identity scored 0 the ranking beats counting non-Identity layers (τ 0.69). But split the score in two
          and the win is structure: each layer&apos;s level (how far training scaled its residual branch down) carries the ranking, and the differences between
          the ops of a layer stay inside the noise of random op labels. A fixed rule with no training (Identity 0, stride-2 blocks 1, residual blocks any r
          below 1) ranks as well (τ 0.73). <i>BN score vs truth</i> shows both parts for your run.
        </p>
        <p data-testid="about-idscore">
          <b>Why an Identity scores 0 by default</b> (the <i>Identity scores</i> setting): in NAS-Bench-Macro a stride-2 Identity is a 1×1 conv + BN projection.
          Scored by its γ, the paper&apos;s rule taken literally, it ranks like a block, though the table says it is the weakest choice of its layer; the
          paper&apos;s own code fixes its skip layers and scores a skip 0. On the same γs the two rules are far apart: on the Long run, τ 0.68–0.72 with
          Identity 0 against 0.19–0.36 with its BN (3 seeds).
        </p>
        <p>
          <b>What this playground changes, and why:</b> layers that keep their shape are residual (<code>x + op(x)</code>). Without a residual, the next BN
          normalises away any scale γ gives an op, so γ carries no information (its gradient is exactly 0 while β = 0).
        </p>
        <RecipeNotes />
        <SavedRuns />
      </details>
    </section>
  );
}
