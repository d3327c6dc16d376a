/** The bounded download against a real HTTP server: each limit and each failure names its cause. */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCifarArchive } from '../engine/data';
import { DownloadError, openDownload, type DownloadLimits } from './download';

const LIMITS: DownloadLimits = { maxBytes: 10_000, expected: 'a test set is at most 10 KB', stallMs: 400 };
/**
 * A valid .tar.gz (one batch entry of incompressible bytes, so it is long): cut short, it can only fail as a
 * download, whatever prefix of it the reader has parsed by then.
 */
const GZ = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'download-test-'));
  writeFileSync(join(dir, 'data_batch_1.bin'), randomBytes(20_000));
  execFileSync('tar', ['-cf', join(dir, 'a.tar'), '-C', dir, 'data_batch_1.bin']);
  return gzipSync(readFileSync(join(dir, 'a.tar')));
})();
let server: Server;
let base = '';
const open: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hold = () => open.push(res);
    switch (url.pathname) {
      case '/ok.bin':
        res.writeHead(200, { 'content-length': '3000' });
        res.end(Buffer.alloc(3000, 7));
        return;
      case '/huge-declared.bin':
        res.writeHead(200, { 'content-length': String(2e9) });
        res.write(Buffer.alloc(100));
        hold();
        return;
      case '/huge-streamed.bin': {
        res.writeHead(200); // chunked: no length announced
        for (let i = 0; i < 30; i++) res.write(Buffer.alloc(1000));
        hold();
        return;
      }
      case '/silent.bin':
        hold();
        return;
      case '/stalls.bin':
        res.writeHead(200, { 'content-length': '5000' });
        res.write(Buffer.alloc(1200));
        hold();
        return;
      case '/short.bin':
        res.writeHead(200, { 'content-length': '5000' });
        res.write(Buffer.alloc(100));
        setTimeout(() => res.destroy(), 20);
        return;
      case '/short.tar.gz':
        res.writeHead(200, { 'content-length': String(GZ.length) });
        res.write(GZ.subarray(0, 1000));
        setTimeout(() => res.destroy(), 20);
        return;
      case '/loop.bin':
        res.writeHead(302, { location: '/loop.bin' });
        res.end();
        return;
      case '/missing.bin':
        res.writeHead(404, 'Not Found');
        res.end('no');
        return;
      case '/slow.bin':
        res.writeHead(200, { 'content-length': '5000' });
        res.write(Buffer.alloc(10));
        hold();
        return;
      default:
        res.writeHead(200);
        res.end('x');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const r of open) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function readAll(url: string, limits = LIMITS): Promise<Uint8Array> {
  const { body } = await openDownload(url, limits);
  return new Uint8Array(await new Response(body).arrayBuffer());
}
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('openDownload', () => {
  it('reads a file within the limits whole', async () => {
    const bytes = await readAll(`${base}/ok.bin`);
    expect(bytes.length).toBe(3000);
    expect(bytes.every((b) => b === 7)).toBe(true);
  });

  it('refuses a file whose Content-Length is over the limit before reading its body', async () => {
    const e = await failure(openDownload(`${base}/huge-declared.bin`, LIMITS));
    expect(e).toBeInstanceOf(DownloadError);
    expect((e as DownloadError).reason).toBe('size');
    expect(e.message).toContain('is 2.0 GB');
    expect(e.message).toContain('a test set is at most 10 KB');
  });

  it('stops a body without a length once it passes the limit', async () => {
    const e = await failure(readAll(`${base}/huge-streamed.bin`));
    expect((e as DownloadError).reason).toBe('size');
    expect(e.message).toContain('is over 0.0 MB');
  });

  it('gives up on a server that never answers, naming the wait', async () => {
    const e = await failure(openDownload(`${base}/silent.bin`, LIMITS));
    expect((e as DownloadError).reason).toBe('stall');
    expect(e.message).toContain('did not answer within 0 s');
  });

  it('gives up on a body that stops arriving, saying how far it got', async () => {
    const e = await failure(readAll(`${base}/stalls.bin`));
    expect((e as DownloadError).reason).toBe('stall');
    expect(e.message).toContain('no data for');
    expect(e.message).toContain('of 0.0 MB'); // the announced 5,000 bytes
  });

  it('names a body that ends short of its Content-Length as cut, not a network error', async () => {
    const e = await failure(readAll(`${base}/short.bin`));
    expect((e as DownloadError).reason).toBe('cut');
    expect(e.message).toMatch(/broke off|ended after/);
  });

  it('tells a redirect loop apart from an unreachable server', async () => {
    const loop = await failure(openDownload(`${base}/loop.bin`, LIMITS));
    expect(loop.message).toContain('redirect loop');
    const closed = await failure(openDownload('http://127.0.0.1:9/x.bin', LIMITS));
    expect(closed.message).toContain('no answer');
    expect(closed.message).not.toContain('redirect');
  });

  it('reports an HTTP error status and rejects non-http URLs and junk', async () => {
    expect((await failure(openDownload(`${base}/missing.bin`, LIMITS))).message).toContain('HTTP 404 Not Found');
    expect((await failure(openDownload('ftp://example.com/a.bin', LIMITS))).message).toContain('only http(s)');
    expect((await failure(openDownload('http://[::1', LIMITS))).message).toContain('not a valid URL');
  });

  it('keeps a malformed escape in the name as written instead of failing ("URI malformed")', async () => {
    const d = await openDownload(`${base}/data_batch_%E0%A4%A.bin`, LIMITS);
    expect(d.name).toBe('data_batch_%E0%A4%A.bin');
    await d.body.cancel();
  });

  it('ends at once when cancelled, as a stop (not an error)', async () => {
    const ctl = new AbortController();
    const { body } = await openDownload(`${base}/slow.bin`, { ...LIMITS, stallMs: 10_000, signal: ctl.signal });
    const reading = new Response(body).arrayBuffer();
    ctl.abort();
    const e = await failure(reading);
    expect(e.name).toBe('TrainingAborted');
  });

  it('passes a cut download through the archive reader as the download error it is', async () => {
    const { body } = await openDownload(`${base}/short.tar.gz`, { ...LIMITS, maxBytes: 1e6 });
    const e = await failure(readCifarArchive('short.tar.gz', body, true));
    expect(e.name).toBe('DownloadError');
  });
});
