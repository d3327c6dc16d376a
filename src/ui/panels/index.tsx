import type { ComponentType } from 'react';
import type { Panel } from '../../state/view';
import { AboutPanel } from './AboutPanel';
import { ComparePanel } from './compare/ComparePanel';
import { ConfigPanel } from './run/ConfigPanel';
import { CurvesChart } from './run/CurvesChart';
import { GammaHeatmap } from './run/GammaHeatmap';
import { ProxySamplePanel } from './truth/ProxySamplePanel';
import { RankingTable } from './run/RankingTable';
import { RetrainPanel } from './retrain/RetrainPanel';
import { SearchOutcome } from './truth/SearchOutcome';
import { StabilityChart } from './run/StabilityChart';
import { TruthScatter } from './truth/TruthScatter';

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
