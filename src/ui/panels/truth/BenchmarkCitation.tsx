import { benchmarkInfo, type BenchmarkId } from '../../../config';

/** A benchmark's citation and license: its table ships with the page, so both travel with it. */
export function BenchmarkCitation({ benchmark }: { benchmark: BenchmarkId }) {
  const info = benchmarkInfo(benchmark);
  return (
    <p className="citation" data-testid="benchmark-citation">
      {benchmark}: {info.citation}. Table under {info.licenseName} (
      <a href={`./${info.license}`} target="_blank" rel="noreferrer">
        {info.license}
      </a>
      ).
    </p>
  );
}
