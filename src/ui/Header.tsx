import { useState } from 'react';
import { useStore } from '../state/store';
import { RUN_BUTTON_ID } from './panels/run/RunControls';

/** Backend badge (what runs and why), live throughput, share link and presenter toggle. */
export function Header() {
  const backend = useStore((s) => s.backend);
  const ips = useStore((s) => s.progress?.imagesPerSecond ?? null);
  const present = useStore((s) => s.view.present);
  const setView = useStore((s) => s.setView);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied(true);
    } catch {
      setCopied(false);
      window.prompt('Copy this link', location.href);
    }
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <header className="header">
      {/* The first Tab stop: keyboard users reach Run in one key press, not thirty. */}
      <button type="button" className="skip-link" data-testid="skip-to-run" onClick={() => document.getElementById(RUN_BUTTON_ID)?.focus()}>
        Skip to Run
      </button>
      <h1>BN-NAS Playground</h1>
      <span className="tagline">rank every subnet by its BatchNorm gammas, in your browser</span>
      <div className="header-right">
        <span
          className="badge"
          data-testid="backend-badge"
          title={backend ? `${backend.reason}${backend.device ? ` — ${backend.device}` : ''}` : 'chosen when you press Run'}
        >
          backend: <b>{backend ? backend.name : '—'}</b>
          {backend?.name === 'wasm' && (
            <small>
              {backend.threads ? ' threads' : ' 1 thread'}
              {backend.simd ? ' + SIMD' : ''}
            </small>
          )}
        </span>
        <span className="badge" data-testid="throughput">
          {ips == null ? '— img/s' : `${ips.toFixed(0)} img/s`}
        </span>
        <button type="button" onClick={copy} data-testid="copy-link">
          {copied ? 'Copied ✓' : 'Copy link'}
        </button>
        {/* Named by what a click does: 'Presenter off' read as an action. */}
        <button type="button" onClick={() => setView({ present: !present })} data-testid="presenter-toggle">
          {present ? 'Exit presenter mode' : 'Presenter mode'}
        </button>
      </div>
      {backend && (
        <p className="backend-reason" data-testid="backend-reason">
          {backend.reason}
        </p>
      )}
    </header>
  );
}
