import type { RefObject } from 'react';

function save(png: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(png); a.download = `${name}.png`;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Renders the first SVG inside `target` (a chart) onto a white canvas at 2x and saves it as PNG; a canvas chart is saved as it is drawn. */
async function svgToPng(target: HTMLElement, name: string): Promise<void> {
  // The chart's own surface, not a legend icon (those are recharts-surface SVGs too).
  const svg = target.querySelector('.recharts-wrapper > svg') ?? target.querySelector('svg');
  if (!svg) {
    const drawn = target.querySelector('canvas');
    const png = drawn && await new Promise<Blob | null>((resolve) => drawn.toBlob(resolve, 'image/png'));
    if (png) save(png, name);
    return;
  }
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => { img.onload = () => resolve(); img.onerror = () => reject(new Error('could not render the chart')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * 2); canvas.height = Math.ceil(height * 2);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (png) save(png, name);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function PngButton({ target, name }: { target: RefObject<HTMLElement | null>; name: string }) {
  return (
    <button type="button" className="png-button" data-testid={`png-${name}`} aria-label={`Save the ${name} chart as PNG`}
      onClick={() => { if (target.current) void svgToPng(target.current, name); }}>PNG</button>
  );
}
