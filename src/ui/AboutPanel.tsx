import { useId, useState } from 'react';
import { CUSTOM_SPACE_DEFAULTS, DEFAULT_CONFIG, PAPER_PRESET, type Config } from '../config';
import { useStore } from '../state/store';
import { Markdown } from './Markdown';
import recipe from '../../docs/recipe.md?raw';

const OPT: Record<Config['opt'], string> = { sgd: 'SGD (momentum 0.9)', adam: 'Adam' };
const SCOPE: Record<Config['bnscope'], string> = { last: "each op's last BN", all: 'every BN' };
/** 1 → '1.0', 0.02 → '0.02': a learning rate reads as a rate. */
const rate = (lr: number) => (Number.isInteger(lr) ? lr.toFixed(1) : String(lr));
const DATA: Record<Config['data'], string> = { builtin: 'built-in CIFAR-10 images', generated: 'generated images', cifar10: 'your CIFAR-10 files' };

/** The recipe a link on this space starts from (the table's defaults with the space's own over them). */
function spaceDefault(space: Config['space']): Config {
  return { ...DEFAULT_CONFIG, ...(space === 'custom' ? CUSTOM_SPACE_DEFAULTS : {}), space } as Config;
}

/** What the page runs by default for `space`, in one sentence from the config table (so it cannot drift from it). */
function DefaultRecipe({ space }: { space: Config['space'] }) {
  const d = spaceDefault(space);
  return (
    <p data-testid="about-default">
      <b>What this page runs by default on {space === 'nbmacro' ? 'NAS-Bench-Macro' : 'the custom space'}:</b>{' '}
      {OPT[d.opt]} at lr {rate(d.lr)} on {SCOPE[d.bnscope]}, classifier {d.head}, {d.n.toLocaleString('en')} {DATA[d.data]} ({d.val} more
      for validation), {d.epochs} epochs{space === 'nbmacro' && <>, width {d.width} (each channel count × {d.width}: a small, fast supernet)</>}.
      {space === 'nbmacro'
        ? ' That recipe was the most stable of 25 measured on this space (docs/recipe.md, below), not one that beat the others.'
        : ' The paper\'s setting barely moves γ at this scale (a few hundred steps), so this space trains every BN at a high learning rate.'}
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
      {open && <div id={id}><Markdown source={recipe} base={3} /></div>}
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
        <summary><h2>About BN-NAS</h2></summary>
        <p>
          <b>BN-NAS</b> (Chen et al., ICCV 2021) searches a one-shot supernet of <i>L</i> choice layers with <i>K</i> candidate ops
          each (<i>K<sup>L</sup></i> subnets). Every op ends with a BatchNorm <code>y = γ·x̂ + β</code>.
        </p>
        <ol>
          <li><b>BN-only supernet training.</b> Convolutions stay at their random He-normal init; only γ and β of each op's
            last BN train. Each step samples one path uniformly (SPOS) and updates only that path.</li>
          <li><b>Indicator.</b> op score <code>s(l,k) = mean<sub>c</sub> |γ<sub>c</sub>|</code> of the op's last BN; path score
            <code> S(path) = Σ<sub>l</sub> s(l, path<sub>l</sub>)</code>. An identity skip has no BN and scores 0.</li>
          <li><b>Search.</b> Rank paths by S (top-k, or the best under a FLOPs/params budget; the paper uses evolutionary
            search), then retrain the chosen subnets from scratch.</li>
        </ol>
        <p data-testid="about-paper">
          <b>The paper's setting:</b> {OPT[paper.opt!]} at lr {rate(paper.lr!)} on {SCOPE[paper.bnscope!]} only, classifier {paper.head}{' '}
          (the <i>Paper recipe</i> preset). <b>Its claims:</b> supernet training over 10× faster (10 instead of 100 epochs, and no
          conv gradients), and subnet evaluation over 600,000× faster than SPOS's accuracy-based evaluation, without losing
          accuracy. Here you can check each part: the <i>BN-NAS vs SPOS</i> mode measures both speedups in one run on your
          machine and shows whether the two rankings agree; <i>Does the score tell the truth?</i> retrains subnets from scratch
          and ranks the BN score against SPOS accuracy, parameter count and zero-cost proxies on the same retrained accuracies.
        </p>
        <DefaultRecipe space={space} />
        <p data-testid="about-findings">
          <b>What the recipe study found on NAS-Bench-Macro</b> (docs/recipe.md, 25 runs ranked against the 6,561 really trained
          networks): no recipe beat simply counting each network's non-Identity layers, whose Kendall τ with the true accuracy
          is 0.69 (τ: 1 = the same order, 0 = unrelated); the runs reached 0.15–0.36. The trained score ranks about as well as
          its untrained structure (every op with a BN scores 1, the BN-less Identity 0: τ 0.34), so the γ values add little
          that the space's shape does not already say. Check it yourself in <i>BN score vs truth</i>.
        </p>
        <p>
          <b>What this playground changes, and why:</b> layers that keep their shape are residual (<code>x + op(x)</code>).
          Without a residual, the next BN normalises away any scale γ gives an op, so γ carries no information (its
          gradient is exactly 0 while β = 0).
        </p>
        <RecipeNotes />
      </details>
    </section>
  );
}
