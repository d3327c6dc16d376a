/**
 * The CLI's side of the PyTorch search project (issue 20): `--export-pytorch DIR` writes the project of
 * the config; `--scores FILE` reads the report such a project wrote (or the CLI's own --json) and
 * ranks, searches and checks it against NAS-Bench-Macro as a run of the engine is.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spaceInfo, type Config } from '../config';
import { pytorchSearchProject } from '../engine/export';
import { analyzeImported, ImportError, parseImportedReport, type ExperimentResult, type ImportedRun } from '../engine/session';
import { spaceOf } from '../engine/space';
import { loadTruthTable } from './data';
import { CliError } from './errors';
import { buildReport, type CliReport } from './report';

/** Writes the project folder (created when missing; an existing project's files are replaced, nothing else is touched). */
export function exportPytorchProject(dir: string, config: Config): string[] {
  const files = pytorchSearchProject(config);
  try {
    if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, 'train_supernet.py'))) {
      throw new CliError(`--export-pytorch ${dir}: the folder holds other files; give a new or empty folder`, 2);
    }
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`--export-pytorch ${dir}: cannot write there: ${(e as Error).message}`, 2);
  }
  return Object.keys(files);
}

/** The report of a run trained elsewhere, ranked and checked here; a damaged file is one error line (exit 1). */
export function importScores(file: string): { run: ImportedRun; result: ExperimentResult; report: CliReport & { trainedWith: ImportedRun['trainedWith'] } } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`--scores ${file}: cannot read it: ${(e as Error).message}`);
  }
  let run: ImportedRun;
  try {
    run = parseImportedReport(text);
  } catch (e) {
    if (e instanceof ImportError) throw new CliError(`--scores ${file}: ${e.message}`);
    throw e;
  }
  const space = spaceOf(run.config);
  const benchmark = spaceInfo(run.config.space).benchmark;
  const result = analyzeImported(run, benchmark ? loadTruthTable(benchmark) : null);
  const counts = { train: { count: run.data.train }, val: { count: run.data.val } };
  const report = {
    ...buildReport(run.config, space, counts, run.data.source, `${run.trainedWith.framework} (${run.trainedWith.device})`, result),
    trainedWith: run.trainedWith,
  };
  return { run, result, report };
}
