/** The method in brief: formulas, the paper's claims, and what this playground changes. */
export function AboutPanel() {
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
        <p>
          <b>The paper's claims:</b> supernet training over 10× faster (10 instead of 100 epochs, and no conv gradients), and
          subnet evaluation over 600,000× faster than SPOS's accuracy-based evaluation, without losing accuracy. Here you can
          check each part: the <i>BN-NAS vs SPOS</i> mode measures both speedups in one run on your machine and shows whether
          the two rankings agree; <i>Does the score tell the truth?</i> retrains subnets from scratch and ranks the BN score
          against SPOS accuracy, parameter count and zero-cost proxies on the same retrained accuracies.
        </p>
        <p>
          <b>What this playground changes, and why:</b> layers that keep their shape are residual (<code>x + op(x)</code>).
          Without a residual, the next BN normalises away any scale γ gives an op, so γ carries no information (its
          gradient is exactly 0 while β = 0). See <code>docs/recipe.md</code> for the recipe experiments.
        </p>
      </details>
    </section>
  );
}
