/** Whether a measured accuracy is distinguishable from guessing, with the noise of a finite validation set. */

export interface ChanceCheck {
  /** Accuracy of guessing uniformly among the classes. */
  chance: number;
  /** Upper edge of what guessing reaches on `n` images at ~95% (one-sided binomial, normal approximation). */
  bound: number;
  /** True when the accuracy is below that edge: the supernet has not shown it learned anything. */
  atChance: boolean;
}

/** `accuracy` (0..1) measured on `n` images of `classes` classes, against chance. */
export function chanceCheck(accuracy: number, n: number, classes: number): ChanceCheck {
  const chance = 1 / classes;
  const bound = n > 0 ? chance + 1.645 * Math.sqrt((chance * (1 - chance)) / n) : 1;
  return { chance, bound, atChance: !(accuracy > bound) };
}
