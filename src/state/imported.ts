/**
 * A run trained elsewhere and opened in the page (issue 20): the line that says where it trained, and
 * whether the page can retrain its subnets (only on images this page holds under the same identity).
 */
import type { Config } from '../config';
import type { TrainedWith } from '../engine/session/imported';

/** The shown run came from a report file, not from this page's engine. */
export interface ImportedInfo extends TrainedWith {
  /** The file's name, as the user picked or dropped it. */
  file: string;
}

const FRAMEWORKS: Record<string, string> = { pytorch: 'PyTorch', tensorflow: 'TensorFlow.js (Node)', wasm: 'TensorFlow.js (WASM)', cpu: 'TensorFlow.js (CPU)' };

/** "Trained in PyTorch 2.1.0 on NVIDIA H200 (AMP), 1 process, 2,970 steps, width 1". */
export function trainedWithLine(w: TrainedWith): string {
  const framework = `${FRAMEWORKS[w.framework] ?? w.framework}${w.torch ? ` ${w.torch}` : ''}`;
  const parts = [
    `Trained in ${framework} on ${w.device}${w.amp ? ' (AMP)' : ''}`,
    `${w.processes} process${w.processes === 1 ? '' : 'es'}`,
    `${w.steps.toLocaleString('en')} steps`,
    ...(w.width === null ? [] : [`width ${w.width}`]),
  ];
  return parts.join(', ');
}

/**
 * Why Retrain cannot run for the shown run, or null when it can. An imported run on the built-in or
 * generated images retrains on the same images here (the exported project is told to read the
 * built-in ones' source records); on the user's own files the page cannot know they are the files the
 * report was trained on, so it does not pretend.
 */
export function retrainBlocked(imported: ImportedInfo | null, runConfig: Config | null): string | null {
  if (!imported || !runConfig || runConfig.data !== 'cifar10') return null;
  return `This run was trained outside the page on your own CIFAR-10 files (data=cifar10): the page cannot tell which files they were, so it does not retrain its subnets. Run the supernet here on your loaded files to retrain.`;
}
