import type { Config } from './schema';

/**
 * The paper's BN-NAS setting, applied over any config with mergeConfig.
 * Placeholder values, to be checked against the paper.
 */
export const PAPER_PRESET: Partial<Config> = {
  bnscope: 'last',
  head: 'frozen',
  opt: 'sgd',
};
