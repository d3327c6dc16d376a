/**
 * ranking.py of the exported search project: the report's top paths and rank stability as the engine
 * computes them (src/engine/search/rank.ts, src/engine/stats/stability.ts, metrics.ts), so the JSON
 * reads like the CLI's even before `npm run nas -- --scores` re-ranks it against the benchmark.
 */
export const RANKING_PY = String.raw`"""Ranking the paths by their BN score, as the playground does (path score = sum of its ops' scores)."""
import bisect

import torch

from rng import Rng, sample_paths

EXACT_PATH_LIMIT = 100_000  # spaces up to this many paths are ranked exactly, larger ones over a sample
SAMPLE_PATHS = 10_000


def apply_identity_rule(gammas, ops, rule):
    """Scores under the Identity rule: 'skip' scores every Identity 0, 'bn' keeps its BN's gamma."""
    if rule == 'bn':
        return [list(row) for row in gammas]
    return [[0.0 if ops[k] in ('skip', 'id') else v for k, v in enumerate(row)] for row in gammas]


def all_path_scores(scores):
    """float64 [K^L]: every path's score in index order (layer 0 most significant), summed in layer order."""
    total = torch.zeros(1, dtype=torch.float64)
    for row in scores:
        total = (total[:, None] + torch.tensor(row, dtype=torch.float64)[None, :]).reshape(-1)
    return total


def describe(space, path, score):
    ops = space['ops']
    flops = space['fixed']['flops'] + sum(space['costs']['flops'][l][k] for l, k in enumerate(path))
    params = space['fixed']['params'] + sum(space['costs']['params'][l][k] for l, k in enumerate(path))
    return {'path': '-'.join(map(str, path)), 'ops': [ops[k] for k in path], 'flops': flops, 'params': params, 'score': score}


def top_k(space, scores, k):
    """The k best paths (score descending, ties by path ascending), as rows of the report."""
    L, K = len(scores), len(scores[0])
    if K ** L <= EXACT_PATH_LIMIT:
        values = all_path_scores(scores).tolist()
        best = sorted(range(len(values)), key=lambda i: (-values[i], i))[:k]
        rows = []
        for i in best:
            path, rest = [0] * L, i
            for l in range(L - 1, -1, -1):
                path[l], rest = rest % K, rest // K
            rows.append(describe(space, path, values[i]))
        return rows
    # Additive scores: the k best paths extend the k best prefixes, layer by layer (exact).
    beam = [(0.0, [])]
    for row in scores:
        beam = sorted(((s + v, p + [j]) for s, p in beam for j, v in enumerate(row)), key=lambda t: (-t[0], t[1]))[:k]
    return [describe(space, p, s) for s, p in beam]


def kendall_tau_b(a, b):
    """Kendall tau-b with ties (Knight's O(n log n)); NaN when either side is constant."""
    n = len(a)
    pairs = sorted(zip(a, b))
    n0 = n * (n - 1) // 2

    def tied(values):
        t, run = 0, 1
        for i in range(1, len(values) + 1):
            if i < len(values) and values[i] == values[i - 1]:
                run += 1
            else:
                t += run * (run - 1) // 2
                run = 1
        return t
    t_a = tied([p[0] for p in pairs])
    t_ab = tied(pairs)
    # discordant pairs = inversions of b in (a, b) order; merge-count with a sorted list
    seen, swaps = [], 0
    for _, y in pairs:
        swaps += len(seen) - bisect.bisect_right(seen, y)
        bisect.insort(seen, y)
    t_b = tied(sorted(b))
    denom = ((n0 - t_a) * (n0 - t_b)) ** 0.5
    if denom == 0:
        return float('nan')
    concordant_minus_discordant = n0 - t_a - t_b + t_ab - 2 * swaps
    return concordant_minus_discordant / denom


def spearman_rho(a, b):
    """Pearson correlation of the average ranks."""
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r, i = [0.0] * len(v), 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for m in range(i, j + 1):
                r[order[m]] = (i + j) / 2
            i = j + 1
        return r
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va * vb > 0 else float('nan')


def path_score(scores, path):
    s = 0.0
    for l, k in enumerate(path):
        s += scores[l][k]
    return s


def stability(scores_by_epoch, seed):
    """Kendall tau-b of each epoch's path ranking vs the last epoch's: exact over all paths up to
    EXACT_PATH_LIMIT, else over SAMPLE_PATHS paths drawn as the engine draws them."""
    L, K = len(scores_by_epoch[0]), len(scores_by_epoch[0][0])
    if K ** L <= EXACT_PATH_LIMIT:
        vectors = [all_path_scores(s).tolist() for s in scores_by_epoch]
    else:
        sample = sample_paths(L, K, SAMPLE_PATHS, Rng(seed).fork('stability'))
        vectors = [[path_score(s, p) for p in sample] for s in scores_by_epoch]
    return [{'epoch': e + 1, 'kendall': kendall_tau_b(v, vectors[-1])} for e, v in enumerate(vectors)]
`;
