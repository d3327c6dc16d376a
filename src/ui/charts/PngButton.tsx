import type { RefObject } from 'react';
import { encodeConfig } from '../../config';
import { useStore } from '../../state/store';
import { chartPng } from './pngExport';

function save(png: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(png);
  a.download = `${name}.png`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Saves the chart inside `target` as `<name>.png`: `title` above it, the run's config hash as the caption below. */
export function PngButton({ target, name, title }: { target: RefObject<HTMLElement | null>; name: string; title: string }) {
  const onClick = async () => {
    if (!target.current) return;
    const s = useStore.getState();
    const png = await chartPng(target.current, title, `BN-NAS Playground · #${encodeConfig(s.runConfig ?? s.config)}`);
    if (png) save(png, name);
  };
  return (
    <button
      type="button"
      className="png-button"
      data-testid={`png-${name}`}
      aria-label={`Save the ${name} chart as PNG`}
      title="Save as PNG, with a title and this run's config link"
      onClick={() => void onClick()}
    >
      PNG
    </button>
  );
}
