/**
 * A run trained elsewhere (the exported PyTorch project's report.json, issue 20) brought back: its
 * gammas per epoch are ranked, searched and (on NAS-Bench-Macro) set against the truth exactly as a
 * run of the engine is, so everything a run shows can be shown for it, labelled with where it trained.
 */
import { ConfigSchema, type Config } from '../../config/schema';
import { usesKey } from '../../config/spaces';
import { knownDataId } from '../../config/datasets';
import { searchPaths } from '../search';
import { applyIdentityRule, spaceOf, type SearchSpace } from '../space';
import type { Comparison, EpochReport } from '../train';
import type { TruthTable } from '../truth';
import { analyzeEpoch, type EpochAnalytics } from './analytics';
import type { RunResult } from './events';
import type { ExperimentResult, SupernetSummary } from './experiment';
import { truthFor, type TruthEpoch } from './truth';

/** Where an imported run was trained. */
export interface TrainedWith {
  framework: string;
  torch?: string;
  device: string;
  processes: number;
  steps: number;
  width: number | null;
  amp?: boolean;
}

export interface ImportedRun {
  config: Config;
  trainedWith: TrainedWith;
  supernet: SupernetSummary;
  /** Epoch reports without their scores, and each epoch's gamma matrix. */
  epochs: Omit<EpochReport, 'scores'>[];
  gammasByEpoch: number[][][];
  comparison?: Comparison;
  data: { source: string; train: number; val: number };
}

/** A report that cannot be read: the message is one line saying what is wrong. */
export class ImportError extends Error {
  override name = 'ImportError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads a report (the PyTorch project's, or the CLI's --json) from its text; throws ImportError. */
export function parseImportedReport(text: string): ImportedRun {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`not JSON (${(e as Error).message})`);
  }
  if (!isObject(raw)) throw new ImportError('not a report: expected a JSON object with config, supernet and scoresByEpoch');
  const parsed = ConfigSchema.safeParse(raw.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError(`config${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
  }
  const config = parsed.data;
  const space = spaceOf(config);
  const L = space.layers.length,
    K = space.ops.length;
  const matrix = (m: unknown, where: string): number[][] => {
    if (!Array.isArray(m) || m.length !== L || m.some((row) => !Array.isArray(row) || row.length !== K || !row.every((v) => finite(v) && v >= 0))) {
      throw new ImportError(`${where}: expected ${L} rows of ${K} non-negative numbers (the config's space)`);
    }
    return m as number[][];
  };
  if (!Array.isArray(raw.scoresByEpoch) || raw.scoresByEpoch.length === 0) throw new ImportError('scoresByEpoch: expected a gamma matrix per epoch');
  const gammasByEpoch = raw.scoresByEpoch.map((m, e) => matrix(m, `scoresByEpoch[${e}]`));
  if (!Array.isArray(raw.epochs) || raw.epochs.length !== gammasByEpoch.length)
    throw new ImportError(`epochs: expected ${gammasByEpoch.length} epoch reports, one per gamma matrix`);
  const epochs = raw.epochs.map((e, i) => {
    if (!isObject(e) || !finite(e.loss) || !finite(e.trainAccuracy) || !(e.valAccuracy === null || finite(e.valAccuracy))) {
      throw new ImportError(`epochs[${i}]: expected loss, trainAccuracy and valAccuracy numbers`);
    }
    return {
      epoch: i + 1,
      loss: e.loss,
      trainAccuracy: e.trainAccuracy,
      valAccuracy: e.valAccuracy as number | null,
      seconds: finite(e.seconds) ? e.seconds : 0,
      imagesPerSecond: finite(e.imagesPerSecond) ? e.imagesPerSecond : 0,
    };
  });
  const s = raw.supernet;
  if (!isObject(s) || !finite(s.steps) || !finite(s.seconds)) throw new ImportError('supernet: expected its steps and seconds');
  const last = epochs[epochs.length - 1]!;
  const supernet: SupernetSummary = {
    mode: config.mode,
    epochs: epochs.length,
    steps: s.steps,
    seconds: s.seconds,
    imagesPerSecond: finite(s.imagesPerSecond) ? s.imagesPerSecond : 0,
    trainableParams: finite(s.trainableParams) ? s.trainableParams : 0,
    totalParams: finite(s.totalParams) ? s.totalParams : 0,
    finalLoss: last.loss,
    valAccuracy: last.valAccuracy,
  };
  const w = isObject(raw.trainedWith) ? raw.trainedWith : {};
  const trainedWith: TrainedWith = {
    framework: typeof w.framework === 'string' ? w.framework : String(raw.backend ?? 'unknown'),
    ...(typeof w.torch === 'string' ? { torch: w.torch } : {}),
    device: typeof w.device === 'string' ? w.device : String(raw.backend ?? 'unknown'),
    processes: finite(w.processes) ? w.processes : 1,
    steps: s.steps,
    width: usesKey(config.space, 'width') ? config.width : null,
    ...(typeof w.amp === 'boolean' ? { amp: w.amp } : {}),
  };
  const d = isObject(raw.data) ? raw.data : {};
  return {
    config,
    trainedWith,
    supernet,
    epochs,
    gammasByEpoch,
    ...(isObject(raw.comparison) ? { comparison: raw.comparison as unknown as Comparison } : {}),
    data: { source: typeof d.source === 'string' ? d.source : 'unknown', train: finite(d.train) ? d.train : 0, val: finite(d.val) ? d.val : 0 },
  };
}

/** The imported run's analytics as runExperiment computes them: each epoch's, then the final ranking, search and truth. */
export function analyzeImported(run: ImportedRun, table: TruthTable | null): ExperimentResult {
  return analyzeImportedRun(run, table).result;
}

/**
 * The same, with each epoch's ranking against the truth as a run's progress events carry it (the page
 * shows an imported run as it shows a finished one, per-epoch truth panels included).
 */
export function analyzeImportedRun(run: ImportedRun, table: TruthTable | null): { result: ExperimentResult; truthEpochs: TruthEpoch[] } {
  const { config, gammasByEpoch } = run;
  const space = spaceOf(config);
  const truth = truthFor(table, space);
  const truthByEpoch: TruthEpoch[] = [];
  let analytics: EpochAnalytics | null = null;
  gammasByEpoch.forEach((_, e) => {
    analytics = analyzeEpoch(space, gammasByEpoch.slice(0, e + 1), config, truth, run.epochs[e]!.valAccuracy);
    if (analytics.truth) truthByEpoch.push(analytics.truth);
  });
  const gammas = gammasByEpoch[gammasByEpoch.length - 1]!;
  const scores = applyIdentityRule(gammas, space, config.idscore);
  const search = searchPaths(space, scores, config);
  const groundTruth = truth?.final(gammas, config.idscore, search, truthByEpoch, config.seed, run.comparison);
  if (truth) search.top = truth.annotate(search.top);
  const result: ExperimentResult = {
    ...(run.comparison ? { comparison: run.comparison } : {}),
    ...(groundTruth ? { groundTruth } : {}),
    supernet: run.supernet,
    epochs: run.epochs.map((e, i) => ({ ...e, scores: gammasByEpoch[i]! })),
    scores,
    gammas,
    scoresByEpoch: gammasByEpoch,
    stability: analytics!.stability,
    search,
  };
  return { result, truthEpochs: truthByEpoch };
}

/**
 * A report opened as a finished run of this page, ranked, searched and set against its space's table (`tableFor`). Its images
 * are the config's: the built-in or generated ones have an identity in this page; the user's files get
 * one no loaded set has, so nothing is retrained on other files.
 */
export function openImported(
  text: string,
  tableFor: (space: SearchSpace) => TruthTable | null,
): { config: Config; trainedWith: TrainedWith; result: RunResult; truthEpochs: TruthEpoch[] } {
  const run = parseImportedReport(text);
  const { result, truthEpochs } = analyzeImportedRun(run, tableFor(spaceOf(run.config)));
  const dataId = knownDataId(run.config) ?? `imported:${run.data.source}`;
  return { config: run.config, trainedWith: run.trainedWith, truthEpochs, result: { ...result, backend: run.trainedWith.framework, dataId } };
}
