/**
 * Parser for the CIFAR-10 binary format (Krizhevsky 2009): each record is 3,073 bytes,
 * 1 label byte (0..9) then 1,024 R, 1,024 G and 1,024 B bytes, each plane row-major
 * 32x32. Records are transposed to the NHWC layout of Dataset.
 */
import { CIFAR10_CLASSES, IMAGE_LENGTH, type Dataset } from './dataset';

/** Bytes per record: 1 label + 32*32*3 pixels. */
export const CIFAR10_RECORD_BYTES = 1 + IMAGE_LENGTH;
const PLANE = IMAGE_LENGTH / 3;

/** A file that is not valid CIFAR-10 binary; the message names the file, the record and the fault. */
export class DataFormatError extends Error {
  override name = 'DataFormatError';
  constructor(
    readonly file: string,
    /** Record index within the file, or null when the fault is not in one record. */
    readonly record: number | null,
    readonly fault: string,
  ) {
    super(`${file}${record === null ? '' : `, record ${record}`}: ${fault}`);
  }
}

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Concatenates the records of every file, in order, into one NHWC Dataset; throws DataFormatError. */
export function parseCifar10(files: readonly NamedBytes[]): Dataset {
  if (files.length === 0) throw new DataFormatError('(no files)', null, 'no files given; expected CIFAR-10 .bin files');
  let count = 0;
  for (const { name, bytes } of files) {
    if (bytes.length === 0) throw new DataFormatError(name, null, 'file is empty');
    const whole = Math.floor(bytes.length / CIFAR10_RECORD_BYTES);
    const rest = bytes.length % CIFAR10_RECORD_BYTES;
    if (rest !== 0) {
      throw new DataFormatError(
        name,
        whole,
        `truncated: file length ${bytes.length} is not a multiple of ${CIFAR10_RECORD_BYTES}; ` +
          `the last record has ${rest} of ${CIFAR10_RECORD_BYTES} bytes`,
      );
    }
    count += whole;
  }
  const images = new Uint8Array(count * IMAGE_LENGTH);
  const labels = new Uint8Array(count);
  let n = 0;
  for (const { name, bytes } of files) {
    const records = bytes.length / CIFAR10_RECORD_BYTES;
    for (let r = 0; r < records; r++, n++) {
      const off = r * CIFAR10_RECORD_BYTES;
      const label = bytes[off]!;
      if (label > 9) throw new DataFormatError(name, r, `label ${label} is out of range 0..9`);
      labels[n] = label;
      transposeRecord(bytes, off + 1, images, n * IMAGE_LENGTH);
    }
  }
  return { source: files.map((f) => f.name).join(', '), images, labels, classNames: [...CIFAR10_CLASSES], count };
}

/** Planar R, G, B (1,024 bytes each, from src) -> interleaved RGB (3,072 bytes, from dst). */
function transposeRecord(bytes: Uint8Array, src: number, images: Uint8Array, dst: number): void {
  const green = src + PLANE,
    blue = green + PLANE;
  for (let p = 0; p < PLANE; p++, dst += 3) {
    images[dst] = bytes[src + p]!;
    images[dst + 1] = bytes[green + p]!;
    images[dst + 2] = bytes[blue + p]!;
  }
}
