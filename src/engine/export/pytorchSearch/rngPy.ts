/**
 * rng.py of the exported search project: the engine's seeded generator (src/engine/space/rng.ts,
 * SplitMix32 seeding xoshiro128**) bit for bit, so the project draws the same init, split, data
 * order, paths and augmentation as the page for the same seed.
 */
export const RNG_PY = String.raw`"""The BN-NAS Playground's seeded random numbers (src/engine/space/rng.ts), bit for bit.

SplitMix32 seeds a xoshiro128** stream; fork(label) derives an independent stream. Every
random choice of a run (init, data split and order, paths, augmentation) draws from one of
these, so one seed gives the page's run here too.
"""
import math

MASK = 0xFFFFFFFF


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK


def _splitmix32(state):
    s = state & MASK

    def draw():
        nonlocal s
        s = (s + 0x9E3779B9) & MASK
        z = ((s ^ (s >> 16)) * 0x85EBCA6B) & MASK
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
        return z ^ (z >> 16)
    return draw


def _hash_label(label):
    h = 0x811C9DC5
    for ch in label:
        h = ((h ^ ord(ch)) * 0x01000193) & MASK
    return h


class Rng:
    def __init__(self, seed):
        init = _splitmix32(seed)
        self.a, self.b, self.c, self.d = init(), init(), init(), init()
        self.spare = None

    def u32(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        result = (_rotl((b * 5) & MASK, 7) * 9) & MASK
        t = (b << 9) & MASK
        c ^= a
        d ^= b
        b ^= c
        a ^= d
        c ^= t
        self.a, self.b, self.c, self.d = a, b, c, _rotl(d, 11)
        return result

    def next(self):
        """Uniform float in [0, 1)."""
        return self.u32() / 4294967296

    def int(self, n):
        """Uniform integer in [0, n)."""
        return math.floor((self.u32() / 4294967296) * n)

    def normal(self):
        """Standard normal (Box-Muller, the second value of each pair kept for the next call)."""
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        u = 0.0
        while u == 0:
            u = self.next()
        v = self.next()
        r = math.sqrt(-2 * math.log(u))
        self.spare = r * math.sin(2 * math.pi * v)
        return r * math.cos(2 * math.pi * v)

    def normals(self, count):
        """count standard normals, as count calls of normal() would give them."""
        normal = self.normal
        return [normal() for _ in range(count)]

    def shuffle(self, items):
        """In-place Fisher-Yates; returns items."""
        for i in range(len(items) - 1, 0, -1):
            j = self.int(i + 1)
            items[i], items[j] = items[j], items[i]
        return items

    def fork(self, label):
        """An independent stream derived from this one's state and a label; this one is untouched."""
        return Rng((self.a ^ _rotl(self.d, 3) ^ _hash_label(label)) & MASK)


def sample_path(layers, num_ops, rng):
    """One op per layer, each uniform (SPOS)."""
    return [rng.int(num_ops) for _ in range(layers)]


def path_at(index, layers, num_ops):
    """The path at a mixed-radix index (layer 0 most significant)."""
    path = [0] * layers
    for l in range(layers - 1, -1, -1):
        path[l] = index % num_ops
        index //= num_ops
    return path


def sample_paths(layers, num_ops, count, rng):
    """count distinct uniform paths, or every path in index order when there are no more than count."""
    total = num_ops ** layers
    if total <= count:
        return [path_at(i, layers, num_ops) for i in range(total)]
    seen, out = set(), []
    while len(out) < count:
        path = sample_path(layers, num_ops, rng)
        if tuple(path) not in seen:
            seen.add(tuple(path))
            out.append(path)
    return out
`;
