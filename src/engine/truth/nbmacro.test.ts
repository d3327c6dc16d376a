import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pathAt } from '../space/path';
import { NBMACRO_BYTES, NBMACRO_HEADER_BYTES, NBMACRO_OPS, TruthTableError, fnv1a32, parseNbMacroTable } from './nbmacro';
import { decodeTruthTable } from './decoders';
import type { NbMacroJsonEntry } from './nbmacro';
import { NBMACRO_JSON_PATH, readNbMacroJson } from '../../testing/nbmacroJson';
import { BENCHMARK_TABLE } from '../../config/benchmarks';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN_PATH = join(ROOT, 'public/nas-bench-macro.bin');
const json = readNbMacroJson();
const packed = new Uint8Array(readFileSync(BIN_PATH));
const keyAt = (i: number): string => pathAt(i, 8, 3).join('');

/** Runs parse and returns the TruthTableError's message (fails if anything else happens). */
function refusal(bytes: Uint8Array): string {
  try {
    parseNbMacroTable(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(TruthTableError);
    expect((e as Error).name).toBe('TruthTableError');
    return (e as Error).message;
  }
  throw new Error('parse accepted a bad table');
}

/** A copy with edit applied and the checksum redone, so only the edited field is wrong. */
function edited(edit: (v: DataView) => void): Uint8Array {
  const b = packed.slice();
  const v = new DataView(b.buffer);
  edit(v);
  v.setUint32(b.length - 4, fnv1a32(b, b.length - 4), true);
  return b;
}

describe('parseNbMacroTable on public/nas-bench-macro.bin', () => {
  const t = parseNbMacroTable(packed);

  it('has the benchmark dimensions and the documented size', () => {
    expect(NBMACRO_JSON_PATH.endsWith('/shared/data/nas-bench-macro/nas-bench-macro_cifar10.json')).toBe(true);
    expect(packed.length).toBe(NBMACRO_BYTES);
    expect(NBMACRO_BYTES).toBe(91_874);
    expect([t.benchmark, t.layers, t.numOps, t.count]).toEqual(['NAS-Bench-Macro', 8, 3, 6561]);
    expect(Object.keys(json)).toHaveLength(6561);
    expect(NBMACRO_OPS).toEqual(['Identity', 'MB3_K3', 'MB6_K5']);
    // Each stage's first layer holds an Identity that is a strided 1x1 conv + BN (the benchmark's README).
    expect(t.bnIdentityLayers).toEqual([0, 2, 5]);
  });

  it('is what the table of benchmarks reads: its entry names this asset and its decoder gives this table', () => {
    expect(BENCHMARK_TABLE['NAS-Bench-Macro'].file).toBe('nas-bench-macro.bin');
    expect(packed.length).toBeLessThanOrEqual(BENCHMARK_TABLE['NAS-Bench-Macro'].maxBytes);
    expect(decodeTruthTable('NAS-Bench-Macro', packed)).toEqual(t);
  });

  it('decodes exactly the JSON values of all 6,561 networks, in pathAt order', () => {
    let worstMean = 0,
      worstSd = 0;
    for (let i = 0; i < t.count; i++) {
      const key = keyAt(i),
        e = json[key]!;
      for (let r = 0; r < 3; r++) {
        const run = t.runs[3 * i + r]!;
        expect(run).toBe(Math.round(e.test_acc[r]! * 100) / 100); // exact 2-decimal value
        expect(Math.abs(run - e.test_acc[r]!)).toBeLessThan(1e-5); // and the float32 in the JSON is that value
      }
      worstMean = Math.max(worstMean, Math.abs(t.mean[i]! - e.mean_acc));
      worstSd = Math.max(worstSd, Math.abs(t.sd[i]! - e.std));
      expect(t.params[i]).toBe(e.params);
      expect(t.flops[i]).toBe(e.flops);
      expect(t.depth[i]).toBe([...key].filter((d) => d !== '0').length);
    }
    expect(worstMean).toBeLessThan(1e-4);
    expect(worstSd).toBeLessThan(1e-4);
  });

  it("sd is the population sd (divisor 3): the sample sd misses the table's std", () => {
    let worstSample = 0;
    for (let i = 0; i < t.count; i++) {
      const e = json[keyAt(i)]!;
      worstSample = Math.max(worstSample, Math.abs(t.sd[i]! * Math.sqrt(3 / 2) - e.std));
    }
    expect(worstSample).toBeGreaterThan(0.1);
  });

  it('gives networks with equal summed runs bit-equal means (exact ties)', () => {
    const bySum = new Map<number, number>();
    for (let i = 0; i < t.count; i++) {
      const sum = Math.round(100 * (t.runs[3 * i]! + t.runs[3 * i + 1]! + t.runs[3 * i + 2]!));
      const seen = bySum.get(sum);
      if (seen === undefined) bySum.set(sum, t.mean[i]!);
      else expect(t.mean[i]).toBe(seen);
    }
    expect(new Set(t.mean).size).toBe(bySum.size);
  });

  it('reads a view into a larger buffer (non-zero byteOffset)', () => {
    const big = new Uint8Array(packed.length + 10);
    big.set(packed, 7);
    expect(parseNbMacroTable(big.subarray(7, 7 + packed.length)).mean).toEqual(t.mean);
  });
});

describe('parseNbMacroTable refuses a bad file with a one-line reason', () => {
  it('empty', () => {
    expect(refusal(new Uint8Array(0))).toBe('NAS-Bench-Macro table: empty file (0 bytes); expected 91,874');
  });

  it('truncated, inside the header and after it', () => {
    expect(refusal(packed.slice(0, 10))).toBe('NAS-Bench-Macro table: truncated (10 of 91,874 bytes)');
    expect(refusal(packed.slice(0, 60_000))).toBe('NAS-Bench-Macro table: truncated (60,000 of 91,874 bytes)');
    expect(refusal(packed.slice(0, -1))).toBe('NAS-Bench-Macro table: truncated (91,873 of 91,874 bytes)');
  });

  it('trailing bytes', () => {
    const b = new Uint8Array(packed.length + 3);
    b.set(packed);
    expect(refusal(b)).toBe('NAS-Bench-Macro table: 3 trailing bytes (91,877, expected 91,874)');
  });

  it('one flipped byte anywhere after the header, the checksum included', () => {
    for (const at of [NBMACRO_HEADER_BYTES, 50_000, NBMACRO_BYTES - 5, NBMACRO_BYTES - 1]) {
      const b = packed.slice();
      b[at]! ^= 0x10;
      expect(refusal(b)).toBe('NAS-Bench-Macro table: checksum mismatch: the file is corrupt');
    }
  });

  it('wrong magic, e.g. the JSON itself', () => {
    const b = packed.slice();
    b[3] = '2'.charCodeAt(0);
    expect(refusal(b)).toBe('NAS-Bench-Macro table: wrong magic "NBM2" (expected "NBM1"): not a packed table');
    expect(refusal(new Uint8Array(readFileSync(NBMACRO_JSON_PATH)))).toMatch(/^NAS-Bench-Macro table: wrong magic "\{\\"\d\d" \(expected "NBM1"\)/);
  });

  it('another version or other dimensions', () => {
    expect(refusal(edited((v) => v.setUint16(4, 2, true)))).toBe('NAS-Bench-Macro table: unsupported version 2 (this build reads version 1)');
    expect(refusal(edited((v) => v.setUint8(6, 7)))).toBe('NAS-Bench-Macro table: layers 7, expected 8');
    expect(refusal(edited((v) => v.setUint8(7, 4)))).toBe('NAS-Bench-Macro table: ops 4, expected 3');
    expect(refusal(edited((v) => v.setUint32(8, 6560, true)))).toBe('NAS-Bench-Macro table: networks 6560, expected 6561');
    expect(refusal(edited((v) => v.setUint8(13, 18)))).toBe('NAS-Bench-Macro table: record size 18, expected 14');
  });

  it('values out of range under a valid checksum', () => {
    // Network 5, run 2: accuracy 100.01%.
    expect(refusal(edited((v) => v.setUint16(NBMACRO_HEADER_BYTES + 5 * 14 + 4, 10001, true)))).toBe(
      'NAS-Bench-Macro table: network 5: accuracy 100.01% out of range 0-100',
    );
    expect(refusal(edited((v) => v.setUint32(NBMACRO_HEADER_BYTES + 9 * 14 + 6, 0, true)))).toBe(
      'NAS-Bench-Macro table: network 9: zero parameter or FLOP count',
    );
  });
});

describe('scripts/pack-nbmacro.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbm-'));
  const pack = (input: string, out = join(dir, 'out.bin')) =>
    spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/pack-nbmacro.ts'), input, out], { encoding: 'utf8' });
  /** Packs a modified copy of the table; its LICENSE is absent, which only matters after a successful pack. */
  const packEdited = (edit: (t: Record<string, NbMacroJsonEntry>) => void) => {
    const t = structuredClone(json);
    edit(t);
    const p = join(dir, 'edited.json');
    writeFileSync(p, JSON.stringify(t));
    return pack(p);
  };

  it('reproduces the committed asset byte for byte, and its license', () => {
    const r = pack(NBMACRO_JSON_PATH);
    expect(r.status, r.stderr).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, 'out.bin')))).toEqual(packed);
    expect(readFileSync(join(dir, 'out.LICENSE.txt'))).toEqual(readFileSync(join(ROOT, 'public/nas-bench-macro.LICENSE.txt')));
    expect(readFileSync(join(ROOT, 'public/nas-bench-macro.LICENSE.txt'))).toEqual(readFileSync(join(NBMACRO_JSON_PATH, '../LICENSE')));
  });

  it.each([
    [
      'a missing key',
      (t: Record<string, NbMacroJsonEntry>) => {
        delete t['01201201'];
      },
      /6560 keys, expected 6561/,
    ],
    [
      'a third decimal',
      (t: Record<string, NbMacroJsonEntry>) => {
        t['01201201']!.test_acc[1] = 89.475;
      },
      /01201201: accuracy 89.475 is not a 2-decimal/,
    ],
    [
      'params overflow',
      (t: Record<string, NbMacroJsonEntry>) => {
        t['22222222']!.params = 2 ** 32;
      },
      /22222222: params 4294967296 is not an integer/,
    ],
    [
      'a stale mean_acc',
      (t: Record<string, NbMacroJsonEntry>) => {
        t['00000000']!.mean_acc += 0.01;
      },
      /00000000: mean_acc .* is not the mean/,
    ],
    [
      'a stray key',
      (t: Record<string, NbMacroJsonEntry>) => {
        t['0120120'] = t['01201201']!;
      },
      /unexpected key "0120120"/,
    ],
  ])('refuses %s', (_what, edit, message) => {
    const r = packEdited(edit);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
