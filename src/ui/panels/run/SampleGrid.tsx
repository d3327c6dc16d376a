import { useEffect, useRef } from 'react';
import type { DataSummary } from '../../../worker/events';

function Thumb({ pixels, title }: { pixels: Uint8Array; title: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(32, 32);
    for (let i = 0; i < 1024; i++) {
      img.data[4 * i] = pixels[3 * i]!;
      img.data[4 * i + 1] = pixels[3 * i + 1]!;
      img.data[4 * i + 2] = pixels[3 * i + 2]!;
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={32} height={32} className="thumb" title={title} role="img" aria-label={title} />;
}

/** Sample images with their class names, and the class histogram. */
export function SampleGrid({ data }: { data: DataSummary }) {
  const { images, labels } = data.samples;
  const max = Math.max(...data.histogram, 1);
  return (
    <div className="samples" data-testid="data-summary">
      <p className="data-source">
        <b data-testid="data-count">{data.count.toLocaleString('en')}</b> images · {data.source}
      </p>
      <div className="thumbs">
        {labels.map((label, i) => (
          <Thumb key={i} pixels={images.subarray(i * 3072, (i + 1) * 3072)} title={data.classNames[label] ?? String(label)} />
        ))}
      </div>
      <table className="histogram" data-testid="histogram">
        <caption className="sr-only">Images per class</caption>
        <tbody>
          {data.histogram.map((n, k) => (
            <tr key={k}>
              <th scope="row">{data.classNames[k]}</th>
              <td>
                <span className="bar" style={{ width: `${(100 * n) / max}%` }} />
              </td>
              <td className="num">{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
