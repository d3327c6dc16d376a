import { useState, type DragEvent } from 'react';
import { BUILTIN_CIFAR10 } from '../../../config';
import { useStore } from '../../../state/store';
import { NumberField } from '../../common/NumberField';
import { SampleGrid } from './SampleGrid';

async function readFiles(list: FileList | File[]) {
  return Promise.all(Array.from(list).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** The dataset: real CIFAR-10 images built in, generated images, or the user's CIFAR-10 from files, drag-and-drop or a URL. */
export function DataPanel({ disabled }: { disabled: boolean }) {
  const config = useStore((s) => s.config);
  const setConfig = useStore((s) => s.setConfig);
  const generated = useStore((s) => s.data);
  const cifar = useStore((s) => s.cifar);
  const status = useStore((s) => s.dataStatus);
  const progress = useStore((s) => s.dataProgress);
  const error = useStore((s) => s.dataError);
  const loadCifar = useStore((s) => s.loadCifar);
  const dismiss = useStore((s) => s.dismissDataError);
  const cancel = useStore((s) => s.cancelDataLoad);
  const [url, setUrl] = useState('');
  const [over, setOver] = useState(false);
  const loading = status === 'loading';
  const onFiles = async (files: FileList | File[] | null) => {
    if (files && files.length) await loadCifar({ kind: 'files', files: await readFiles(files) });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void onFiles(e.dataTransfer.files);
  };
  const summary = config.data === 'cifar10' ? cifar : generated && generated.id.startsWith(config.data) ? generated : null;
  return (
    <fieldset disabled={disabled}>
      <legend>Data</legend>
      <div className="segmented" role="radiogroup" aria-label="Dataset">
        <label>
          <input type="radio" name="data" checked={config.data === 'builtin'} onChange={() => setConfig({ data: 'builtin' })} data-testid="data-builtin" />{' '}
          CIFAR-10 (built in)
        </label>
        <label>
          <input
            type="radio"
            name="data"
            checked={config.data === 'generated'}
            onChange={() => setConfig({ data: 'generated' })}
            data-testid="data-generated"
          />{' '}
          Generated
        </label>
        <label>
          <input type="radio" name="data" checked={config.data === 'cifar10'} onChange={() => setConfig({ data: 'cifar10' })} data-testid="data-cifar10" />{' '}
          CIFAR-10 (your files)
        </label>
      </div>
      {config.data === 'builtin' && (
        <p className="hint" data-testid="builtin-note">
          {BUILTIN_CIFAR10.label}: the first 4,000 training images of CIFAR-10, shipped with the page (6.3 MB, loaded on first use, works offline).{' '}
          {BUILTIN_CIFAR10.citation}.
        </p>
      )}
      {config.data === 'generated' && (
        <p className="hint">
          10 classes = 5 shapes × 2 stripe orientations, random colours, clutter and noise: a class needs both a mid-scale shape and a fine texture, so kernel
          size and depth matter.
        </p>
      )}
      {config.data === 'cifar10' && !cifar && !loading && (
        <p className="hint data-reload-note" data-testid="cifar-reload-note">
          <b>No CIFAR-10 files loaded.</b> Files you load are kept only in this tab&apos;s memory, never saved or uploaded: after a reload (or opening this link
          again) they must be loaded again. Your config is kept, and runs finished on these files come back once the same files are loaded.
        </p>
      )}
      {config.data === 'cifar10' && (
        <div className="loader">
          <label
            className={`dropzone${over ? ' over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <input
              type="file"
              multiple
              accept=".bin,.tar,.gz,.tgz"
              data-testid="cifar-files"
              disabled={loading}
              onChange={(e) => void onFiles(e.currentTarget.files)}
            />
            <span>
              Choose or drop CIFAR-10 <code>.bin</code> files, or <code>cifar-10-binary.tar.gz</code>. They stay in your browser.
            </span>
          </label>
          {/* noValidate: the app judges the URL itself (the worker's message names what is wrong), not the browser's type=url bubble. */}
          <form
            className="url-row"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (url.trim()) void loadCifar({ kind: 'url', url: url.trim() });
            }}
          >
            <input
              type="url"
              placeholder="https://…/cifar-10-binary.tar.gz"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-label="CIFAR-10 URL"
              data-testid="cifar-url"
              disabled={loading}
            />
            <button type="submit" disabled={loading || !url.trim()}>
              Load
            </button>
          </form>
          {loading && progress && (
            <div className="data-progress" data-testid="data-progress">
              <div className="progress">
                <div className="progress-fill" style={{ width: progress.total ? `${(100 * progress.loaded) / progress.total}%` : '100%' }} />
              </div>
              <span>
                {progress.loaded === 0 && progress.total === null
                  ? 'waiting for the server…'
                  : `${mb(progress.loaded)}${progress.total ? ` of ${mb(progress.total)}` : ''}`}
              </span>
              <button type="button" onClick={cancel} data-testid="data-cancel">
                Cancel
              </button>
            </div>
          )}
          {error && (
            <div className="banner error inline" role="alert" data-testid="data-error">
              <span>
                <b>Could not load:</b> {error}
                {cifar ? ' The data loaded before is still in use.' : ''}
              </span>
              <button type="button" onClick={dismiss}>
                Dismiss
              </button>
            </div>
          )}
        </div>
      )}
      <NumberField label="Training images" value={config.n} onCommit={(v) => setConfig({ n: v })} testId="num-n" />
      <NumberField label="Validation images" value={config.val} onCommit={(v) => setConfig({ val: v })} testId="num-val" />
      {summary ? (
        <SampleGrid data={summary} />
      ) : (
        <p className="hint">{config.data === 'cifar10' ? 'No CIFAR-10 loaded yet.' : 'Samples appear when you press Run.'}</p>
      )}
    </fieldset>
  );
}
