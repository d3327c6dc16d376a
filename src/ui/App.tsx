import { useEffect } from 'react';
import { useStore } from '../state/store';
import type { Panel } from '../state/view';
import { AboutPanel } from './AboutPanel';
import { ChanceBanner } from './ChanceBanner';
import { ComparePanel } from './ComparePanel';
import { ConfigPanel } from './ConfigPanel';
import { CurvesChart } from './CurvesChart';
import { ErrorBanner } from './ErrorBanner';
import { NoticeBanner } from './NoticeBanner';
import { PanelBoundary } from './PanelBoundary';
import { ProxySamplePanel } from './ProxySamplePanel';
import { GammaHeatmap } from './GammaHeatmap';
import { Header } from './Header';
import { RankingTable } from './RankingTable';
import { RetrainPanel } from './RetrainPanel';
import { RunControls } from './RunControls';
import { SearchOutcome } from './SearchOutcome';
import { StabilityChart } from './StabilityChart';
import { StaleBanner } from './StaleBanner';
import { TruthScatter } from './TruthScatter';
import { WarningBanner } from './WarningBanner';

/** The page: config left, live charts centre, ranking right. Presenter mode enlarges and can hide panels. */
export function App() {
  const view = useStore((s) => s.view);
  const controlsOpen = useStore((s) => s.controlsOpen);
  const setControlsOpen = useStore((s) => s.setControlsOpen);
  // The benchmark panels follow the run's space (the config's before any run).
  const nbmacro = useStore((s) => (s.runConfig ?? s.config).space === 'nbmacro');
  const shown = (p: Panel) => !view.hide.includes(p);
  const showConfig = shown('config') && (!view.present || controlsOpen);

  useEffect(() => {
    const s = useStore.getState();
    if (s.view.autorun) void s.run();
    else void s.restore();
  }, []);

  return (
    <div className={`app${view.present ? ' present' : ''}`} data-testid="app">
      <Header />
      <WarningBanner />
      <ErrorBanner />
      <NoticeBanner />
      {view.present && (
        // Hides the config only: Run, Pause and Stop stay, a presenter needs them most.
        <button type="button" className="controls-toggle" aria-expanded={controlsOpen} onClick={() => setControlsOpen(!controlsOpen)} data-testid="controls-toggle">
          {controlsOpen ? 'Hide config' : 'Show config'}
        </button>
      )}
      <main className={`layout${showConfig ? '' : ' no-left'}${shown('ranking') ? '' : ' no-right'}${nbmacro ? ' wide-right' : ''}`}>
        {showConfig && <aside className="left"><PanelBoundary name="config" title="Config"><ConfigPanel /></PanelBoundary></aside>}
        <div className="centre">
          <RunControls />
          <StaleBanner />
          {(shown('heatmap') || shown('ranking')) && <ChanceBanner />}
          {nbmacro && shown('outcome') && <PanelBoundary name="outcome" title="What BN-NAS found, in truth"><SearchOutcome /></PanelBoundary>}
          {shown('curves') && <PanelBoundary name="curves" title="Supernet loss and accuracy"><CurvesChart /></PanelBoundary>}
          {shown('heatmap') && <PanelBoundary name="heatmap" title="Gamma heatmap"><GammaHeatmap /></PanelBoundary>}
          {nbmacro && shown('truth') && <PanelBoundary name="truth" title="BN score vs truth"><TruthScatter /></PanelBoundary>}
          {nbmacro && shown('proxies') && <PanelBoundary name="proxies" title="Zero-cost proxies"><ProxySamplePanel /></PanelBoundary>}
          {shown('stability') && <PanelBoundary name="stability" title="Rank stability"><StabilityChart /></PanelBoundary>}
        </div>
        {shown('ranking') && <aside className="right"><PanelBoundary name="ranking" title="Top paths"><RankingTable /></PanelBoundary></aside>}
      </main>
      {shown('compare') && <PanelBoundary name="compare" title="BN-NAS vs SPOS"><ComparePanel /></PanelBoundary>}
      {shown('retrain') && <PanelBoundary name="retrain" title="Retrain"><RetrainPanel /></PanelBoundary>}
      {shown('about') && <PanelBoundary name="about" title="About BN-NAS"><AboutPanel /></PanelBoundary>}
      <footer className="footer">
        CIFAR-10: A. Krizhevsky, <i>Learning Multiple Layers of Features from Tiny Images</i>, 2009. BN-NAS: B. Chen et al., ICCV 2021.
        {nbmacro && <> NAS-Bench-Macro: X. Su et al., CVPR 2021 (Apache-2.0, <a href="./nas-bench-macro.LICENSE.txt">license</a>).</>}
      </footer>
    </div>
  );
}
