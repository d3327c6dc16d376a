import type { ComponentType } from 'react';
import type { Panel } from '../state/view';
import { AboutPanel } from './AboutPanel';
import { ComparePanel } from './ComparePanel';
import { ConfigPanel } from './ConfigPanel';
import { CurvesChart } from './CurvesChart';
import { GammaHeatmap } from './GammaHeatmap';
import { ProxySamplePanel } from './ProxySamplePanel';
import { RankingTable } from './RankingTable';
import { RetrainPanel } from './RetrainPanel';
import { SearchOutcome } from './SearchOutcome';
import { StabilityChart } from './StabilityChart';
import { TruthScatter } from './TruthScatter';

/** Each panel's component, by the key of its row in `state/view.ts`'s PANEL_TABLE (a key without one is a compile error). */
export const PANEL_COMPONENTS: Record<Panel, ComponentType> = {
  config: ConfigPanel,
  outcome: SearchOutcome,
  curves: CurvesChart,
  heatmap: GammaHeatmap,
  truth: TruthScatter,
  proxies: ProxySamplePanel,
  stability: StabilityChart,
  ranking: RankingTable,
  compare: ComparePanel,
  retrain: RetrainPanel,
  about: AboutPanel,
};
