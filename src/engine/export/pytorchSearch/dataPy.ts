/**
 * data.py of the exported search project: CIFAR-10 records read as the engine reads them (the same
 * files in the same order), the seeded train/val split, the train set's channel statistics, and
 * batches normalised (and pad-crop-flipped) exactly as src/engine/data/dataset.ts does.
 */
export const DATA_PY = String.raw`"""CIFAR-10 for the exported search: the engine's split, statistics, normalisation and augmentation.

--data is a folder of CIFAR-10 .bin files (every *.bin, in name order, as the playground's CLI
reads a folder), one .bin file, the official cifar-10-binary.tar.gz (or .tar), a folder holding
cifar-10-batches-bin/ or torchvision's cifar-10-batches-py/. Nothing is downloaded unless
--download is given (torchvision then fetches CIFAR-10 into --data).
"""
import glob
import os
import pickle
import re
import tarfile

import torch

RECORD_BYTES = 1 + 3 * 32 * 32
BATCH_FILE = re.compile(r'(data_batch_\d+|test_batch)\.bin$')
BUILTIN_COUNT = 4000  # the page's built-in images: the first 4,000 records of data_batch_1
AUGMENT_PAD = 4


class DataError(Exception):
    """No usable data: the scripts print the message on one line and exit with status 2."""


def _records(chunks):
    """(images uint8 N x 3 x 32 x 32, labels uint8 N) of CIFAR-10 binary records; chunks = [(name, bytes)]."""
    for name, data in chunks:
        if len(data) == 0 or len(data) % RECORD_BYTES:
            raise DataError(f'{name}: {len(data)} bytes is not a whole number of {RECORD_BYTES}-byte CIFAR-10 records')
    records = torch.frombuffer(bytearray(b''.join(d for _, d in chunks)), dtype=torch.uint8).view(-1, RECORD_BYTES)
    labels = records[:, 0].clone()
    if labels.numel() and int(labels.max()) > 9:
        raise DataError(f'label {int(labels.max())} is out of range 0..9: are these CIFAR-10 .bin files?')
    return records[:, 1:].reshape(-1, 3, 32, 32).clone(), labels


def _bin_files(folder):
    names = sorted(os.listdir(folder))
    return [os.path.join(folder, f) for f in names if f.lower().endswith('.bin') and os.path.isfile(os.path.join(folder, f))]


def _read_files(files):
    chunks = []
    for f in files:
        with open(f, 'rb') as fh:
            chunks.append((f, fh.read()))
    return _records(chunks)


def _read_tar(path):
    try:
        with tarfile.open(path) as tar:
            members = sorted((m for m in tar.getmembers() if m.isfile() and BATCH_FILE.search(m.name)), key=lambda m: m.name)
            chunks = [(f'{path}:{m.name}', tar.extractfile(m).read()) for m in members]
    except (tarfile.TarError, OSError, EOFError) as e:
        raise DataError(f'{path}: not a readable tar archive ({e})') from None
    if not chunks:
        raise DataError(f'{path}: the archive holds no CIFAR-10 batch files (data_batch_N.bin, test_batch.bin)')
    return _records(chunks)


def _read_python_batches(folder):
    """torchvision's cifar-10-batches-py: data_batch_1..5 then test_batch, as the binary archive orders them."""
    chunks = []
    for name in [f'data_batch_{i}' for i in range(1, 6)] + ['test_batch']:
        f = os.path.join(folder, name)
        if not os.path.isfile(f):
            continue
        with open(f, 'rb') as fh:
            batch = pickle.load(fh, encoding='latin1')
        data = torch.tensor(batch['data'], dtype=torch.uint8).view(-1, 3 * 32 * 32)
        labels = torch.tensor(batch['labels'], dtype=torch.uint8).view(-1, 1)
        chunks.append((f, torch.cat([labels, data], 1).numpy().tobytes()))
    if not chunks:
        raise DataError(f'{folder}: no CIFAR-10 batches (data_batch_1 ... test_batch)')
    return _records(chunks)


def load_records(source, download=False):
    """Every CIFAR-10 record of source, in the engine's order; raises DataError."""
    if os.path.isfile(source):
        low = source.lower()
        if low.endswith(('.tar.gz', '.tgz', '.tar')):
            return _read_tar(source)
        if low.endswith('.bin'):
            return _read_files([source])
        raise DataError(f'{source}: unsupported file: expected CIFAR-10 .bin files, a .tar or cifar-10-binary.tar.gz')
    if os.path.isdir(source):
        for where in (source, os.path.join(source, 'cifar-10-batches-bin')):
            if os.path.isdir(where) and _bin_files(where):
                return _read_files(_bin_files(where))
        archives = sorted(glob.glob(os.path.join(glob.escape(source), 'cifar-10-binary.tar.gz')))
        if archives:
            return _read_tar(archives[0])
        if os.path.isdir(os.path.join(source, 'cifar-10-batches-py')):
            return _read_python_batches(os.path.join(source, 'cifar-10-batches-py'))
    if download:
        try:
            import torchvision
        except ImportError:
            raise DataError('--download needs torchvision; or give --data CIFAR-10 .bin files') from None
        torchvision.datasets.CIFAR10(source, train=True, download=True)
        return _read_python_batches(os.path.join(source, 'cifar-10-batches-py'))
    raise DataError(f"no CIFAR-10 data in {source}: expected CIFAR-10 .bin files, cifar-10-binary.tar.gz, cifar-10-batches-bin/ "
                    "or torchvision's cifar-10-batches-py/ there; pass --download to fetch it with torchvision")


def split(images, labels, n_train, n_val, rng):
    """The engine's splitDataset: a seeded shuffle, the first n_train for training, the next n_val for
    validation; with too few images, validation shrinks first. Returns (train idx, val idx, warning or None)."""
    count = len(labels)
    use_train, use_val, warning = n_train, n_val, None
    if n_train + n_val > count:
        use_val = max(0, min(n_val, count - n_train))
        use_train = min(n_train, count - use_val)
        warning = f'dataset has {count} images, fewer than the {n_train} train + {n_val} val asked; using {use_train} train + {use_val} val'
    order = rng.shuffle(list(range(count)))
    return order[:use_train], order[use_train:use_train + use_val], warning


def channel_stats(images):
    """Per-channel mean and population std in 0..1 units, computed as the engine does (exact integer sums)."""
    n = images.shape[0] * 32 * 32
    mean, std = [], []
    for c in range(3):
        hist = torch.bincount(images[:, c].reshape(-1).long(), minlength=256).tolist()
        s = sum(k * v for v, k in enumerate(hist))
        sq = sum(k * v * v for v, k in enumerate(hist))
        m = s / n
        mean.append(s / n / 255)
        std.append(max(0.0, sq / n - m * m) ** 0.5 / 255)
    return mean, std


def lookup_table(mean, std):
    """[3, 256] float32: (v / 255 - mean) / std, computed in double as the engine's table."""
    lut = torch.tensor([[(v / 255 - mean[c]) / max(std[c], 1e-6) for v in range(256)] for c in range(3)], dtype=torch.float64)
    return lut.float()


def augment_draws(count, rng):
    """Per image (dy, dx, flip) as the engine's augmentBatch draws them: crop offsets in -4..4, flip w.p. 1/2."""
    span = 2 * AUGMENT_PAD + 1
    out = []
    for _ in range(count):
        dy = rng.int(span) - AUGMENT_PAD
        dx = rng.int(span) - AUGMENT_PAD
        out.append((dy, dx, rng.next() < 0.5))
    return out


def make_batch(images, lut, indices, draws=None):
    """float32 [B, 3, 32, 32]: the images at indices normalised by lut; with draws, each padded by 4 zeros
    (after normalisation, as the engine pads), cropped at (4 + dy, 4 + dx) and flipped where drawn."""
    x = images[torch.as_tensor(indices, dtype=torch.long)].long()
    x = torch.stack([lut[c][x[:, c]] for c in range(3)], 1)
    if draws is None:
        return x
    padded = torch.nn.functional.pad(x, (AUGMENT_PAD,) * 4)
    out = torch.empty_like(x)
    for i, (dy, dx, flip) in enumerate(draws):
        crop = padded[i, :, AUGMENT_PAD + dy:AUGMENT_PAD + dy + 32, AUGMENT_PAD + dx:AUGMENT_PAD + dx + 32]
        out[i] = crop.flip(-1) if flip else crop
    return out


class StepBatches(torch.utils.data.Dataset):
    """One epoch's batches, item i = step i's (images, labels) of this process; lets a DataLoader's
    workers assemble them ahead of the training loop."""

    def __init__(self, images, labels, lut, plan):
        self.images, self.labels, self.lut, self.plan = images, labels, lut, plan

    def __len__(self):
        return len(self.plan)

    def __getitem__(self, i):
        indices, draws = self.plan[i]
        return make_batch(self.images, self.lut, indices, draws), self.labels[torch.as_tensor(indices, dtype=torch.long)].long()
`;
