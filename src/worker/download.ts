/**
 * One bounded download: a size limit checked from Content-Length before any byte is kept and again while
 * streaming, a stall timeout (no answer, or no byte for a while), a cancel signal, and errors that name
 * their cause. Plain fetch and streams only, so Node tests run it against a real HTTP server.
 */

/** Why a download failed, in a user's words; never a format problem (those are the reader's DataFormatError). */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly reason: 'size' | 'stall' | 'cut' | 'network' | 'http' | 'url',
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** A download the user cancelled: named as a stopped call is, so the page treats it as a Stop, not an error. */
export class DownloadCancelled extends Error {
  constructor() {
    super('loading cancelled');
    this.name = 'TrainingAborted';
  }
}

export interface DownloadLimits {
  /** Bytes at most; a larger file is refused before (Content-Length) or while (streaming) it arrives. */
  maxBytes: number;
  /** What is expected, for the size message ("a CIFAR-10 set is at most ~185 MB"). */
  expected: string;
  /** Milliseconds without an answer or a byte before giving up. */
  stallMs: number;
  signal?: AbortSignal;
}

export interface Download {
  href: string;
  /** The last path segment, decoded when it decodes (a malformed escape stays as written). */
  name: string;
  total: number | null;
  body: ReadableStream<Uint8Array>;
}

export const formatMB = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${(n / 1e6).toFixed(1)} MB`);

function lastSegment(url: URL): string {
  const raw = url.pathname.split('/').pop() || url.hostname;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const tooLarge = (href: string, bytes: number, limits: DownloadLimits, sure: boolean) =>
  new DownloadError(
    `${href} is ${sure ? '' : 'over '}${formatMB(bytes)}: ${limits.expected}, so it was not loaded (limit ${formatMB(limits.maxBytes)})`,
    'size',
  );

/** Why fetch() itself failed: a redirect that leads nowhere is told apart from an unreachable or cross-origin server. */
async function whyUnreachable(href: string, signal: AbortSignal): Promise<DownloadError> {
  const redirects = await fetch(href, { redirect: 'manual', signal }).then(
    (r) => r.type === 'opaqueredirect' || (r.status >= 300 && r.status < 400),
    () => false,
  );
  return redirects
    ? new DownloadError(
        `could not fetch ${href}: the server redirects, and following its redirects failed (a redirect loop, or a redirect to a server that does not allow cross-origin requests)`,
        'network',
      )
    : new DownloadError(`could not fetch ${href}: no answer (offline, the server is down, or it does not allow cross-origin requests)`, 'network');
}

/** Opens `url` for reading within `limits`; the returned body enforces them to its end. */
export async function openDownload(url: string, limits: DownloadLimits, base?: string): Promise<Download> {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new DownloadError(`'${url}' is not a valid URL`, 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DownloadError(`'${url}': only http(s) URLs can be loaded`, 'url');
  const href = parsed.href;

  // One controller ends the fetch and its body for every reason; `ended` says which.
  const inner = new AbortController();
  let ended: Error | null = null;
  const end = (e: Error) => {
    if (!ended) {
      ended = e;
      inner.abort(e);
    }
  };
  const onCancel = () => end(new DownloadCancelled());
  if (limits.signal?.aborted) throw new DownloadCancelled();
  limits.signal?.addEventListener('abort', onCancel, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (message: () => string) => {
    clearTimeout(timer);
    timer = setTimeout(() => end(new DownloadError(message(), 'stall')), limits.stallMs);
  };
  const done = () => {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onCancel);
  };
  const seconds = `${Math.round(limits.stallMs / 1000)} s`;

  let response: Response;
  arm(() => `${href} did not answer within ${seconds} (the server is not responding); nothing was loaded`);
  try {
    response = await fetch(href, { signal: inner.signal });
  } catch (e) {
    done();
    if (ended) throw ended;
    throw await whyUnreachable(href, AbortSignal.timeout(limits.stallMs)).catch(
      () => new DownloadError(`could not fetch ${href}: ${(e as Error).message}`, 'network'),
    );
  }
  if (!response.ok || !response.body) {
    done();
    await response.body?.cancel().catch(() => {});
    throw new DownloadError(`${href}: the server answered HTTP ${response.status} ${response.statusText}`.trim(), 'http');
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (total !== null && total > limits.maxBytes) {
    done();
    await response.body.cancel().catch(() => {});
    throw tooLarge(href, total, limits, true);
  }

  const reader = response.body.getReader();
  let loaded = 0;
  const stalled = () => `the download from ${href} stalled: no data for ${seconds} after ${formatMB(loaded)}${total ? ` of ${formatMB(total)}` : ''}`;
  arm(stalled);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        done();
        controller.error(
          ended ??
            new DownloadError(
              `the download from ${href} broke off after ${formatMB(loaded)}${total ? ` of ${formatMB(total)}` : ''} (the server closed the connection)`,
              'cut',
            ),
        );
        return;
      }
      if (chunk.done) {
        done();
        if (total !== null && loaded < total)
          controller.error(
            new DownloadError(`the download from ${href} ended after ${formatMB(loaded)} of the ${formatMB(total)} the server announced`, 'cut'),
          );
        else controller.close();
        return;
      }
      loaded += chunk.value.length;
      if (loaded > limits.maxBytes) {
        done();
        await reader.cancel().catch(() => {});
        controller.error(tooLarge(href, loaded, limits, false));
        return;
      }
      arm(stalled);
      controller.enqueue(chunk.value);
    },
    async cancel(reason) {
      done();
      await reader.cancel(reason).catch(() => {});
    },
  });
  return { href, name: lastSegment(parsed), total, body };
}
