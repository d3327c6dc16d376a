/**
 * The data part of the exported subnet file (pytorch.ts): CIFAR-10 binary records read and checked, the
 * training augmentation (pad-crop, flip), and torchvision's format as the fallback. Plain Python in a template
 * string, spliced into the one self-contained file (it reads that file's NUM_CLASSES).
 */
export const SUBNET_DATA_PY = `class DataError(Exception):
    """No usable data: main() prints the message on one line and exits with status 2."""


RECORD_BYTES = 1 + 3 * 32 * 32
MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)


def bin_files(folder):
    """The CIFAR-10 binary files of folder (any *.bin, case-insensitive), sorted by name."""
    if not os.path.isdir(folder):
        return []
    return sorted(f for f in glob.glob(os.path.join(glob.escape(folder), '*')) if f.lower().endswith('.bin') and os.path.isfile(f))


def read_bin(files):
    """(images uint8 N x 3 x 32 x 32, labels int64 N) of CIFAR-10 binary files; raises DataError."""
    chunks = []
    for f in files:
        with open(f, 'rb') as fh:
            data = fh.read()
        if len(data) == 0 or len(data) % RECORD_BYTES:
            raise DataError(f'{f}: {len(data)} bytes is not a whole number of {RECORD_BYTES}-byte CIFAR-10 records')
        chunks.append(data)
    records = torch.frombuffer(bytearray(b''.join(chunks)), dtype=torch.uint8).view(-1, RECORD_BYTES)
    labels = records[:, 0].long()
    if labels.numel() and int(labels.max()) >= NUM_CLASSES:
        raise DataError(f'label {int(labels.max())} is out of range 0..{NUM_CLASSES - 1}: are these CIFAR-10 .bin files?')
    return records[:, 1:].reshape(-1, 3, 32, 32).clone(), labels


class BinaryCifar10:
    """CIFAR-10 records in memory; train: random crop (4 px zero padding) and horizontal flip. Normalized float images."""

    def __init__(self, images, labels, train):
        self.images, self.labels, self.train = images, labels, train
        self.mean = torch.tensor(MEAN).view(3, 1, 1)
        self.std = torch.tensor(STD).view(3, 1, 1)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        x = self.images[i].float().div_(255).sub_(self.mean).div_(self.std)
        if self.train:
            x = F.pad(x, (4, 4, 4, 4))
            dy, dx = torch.randint(0, 9, (2,)).tolist()
            x = x[:, dy:dy + 32, dx:dx + 32]
            if torch.rand(()) < 0.5:
                x = x.flip(2)
        return x, self.labels[i]


def load_data(folder, download, rank, distributed):
    """(train set, test set or None) from folder: CIFAR-10 .bin files, else torchvision's CIFAR10; raises DataError."""
    for where in (folder, os.path.join(folder, 'cifar-10-batches-bin')):
        files = bin_files(where)
        if files:
            test_files = [f for f in files if 'test' in os.path.basename(f).lower()]
            train_files = [f for f in files if f not in test_files]
            if not train_files:
                raise DataError(f'{where}: only test files ({", ".join(map(os.path.basename, test_files))}); no training .bin files')
            train = BinaryCifar10(*read_bin(train_files), train=True)
            test = BinaryCifar10(*read_bin(test_files), train=False) if test_files else None
            return train, test
    if not download and not os.path.isdir(os.path.join(folder, 'cifar-10-batches-py')):
        raise DataError(f"no CIFAR-10 data in {folder}: expected CIFAR-10 .bin files there (or cifar-10-batches-bin/, or torchvision's cifar-10-batches-py/); pass --download to fetch it with torchvision")
    try:
        import torchvision
        import torchvision.transforms as T
    except ImportError:
        raise DataError("reading torchvision's CIFAR10 folder (or --download) needs torchvision; or give --data a folder of CIFAR-10 .bin files") from None
    train_tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])
    test_tf = T.Compose([T.ToTensor(), T.Normalize(MEAN, STD)])

    def cifar(train, tf, fetch):
        try:
            return torchvision.datasets.CIFAR10(folder, train=train, download=fetch, transform=tf)
        except RuntimeError as e:  # missing or corrupt files
            raise DataError(f'torchvision CIFAR10 in {folder}: ' + ' '.join(str(e).split())) from None

    if download and rank == 0:
        cifar(True, train_tf, True), cifar(False, test_tf, True)
    if download and distributed:
        torch.distributed.barrier()  # the others wait for rank 0's download
    return cifar(True, train_tf, False), cifar(False, test_tf, False)


`;
