import { NBMACRO_TABLE } from '../config';

/** The benchmark's citation and license: the table ships with the page, so both travel with it. */
export function BenchmarkCitation() {
  return (
    <p className="citation" data-testid="nbmacro-citation">
      NAS-Bench-Macro: {NBMACRO_TABLE.citation}. Table under the Apache License 2.0 (<a href={`./${NBMACRO_TABLE.license}`} target="_blank" rel="noreferrer">{NBMACRO_TABLE.license}</a>).
    </p>
  );
}
