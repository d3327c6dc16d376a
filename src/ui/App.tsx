import { useEffect } from 'react';
import { benchmarkInfo, spaceInfo } from '../config';
import { useStore } from '../state/store';
import { PANEL_TABLE, type Panel, type PanelArea } from '../state/view';
import { ChanceBanner } from './common/ChanceBanner';
import { ErrorBanner } from './common/ErrorBanner';
import { NoticeBanner } from './common/NoticeBanner';
import { PanelBoundary } from './common/PanelBoundary';
import { PANEL_COMPONENTS } from './panels';
import { Header } from './Header';
import { RunControls } from './panels/run/RunControls';
import { StaleBanner } from './common/StaleBanner';
import { WarningBanner } from './common/WarningBanner';

/** The page: config left, live charts centre, ranking right. Presenter mode enlarges and can hide panels. */
export function App() {
  const view = useStore((s) => s.view);
  const controlsOpen = useStore((s) => s.controlsOpen);
  const setControlsOpen = useStore((s) => s.setControlsOpen);
  // The benchmark panels follow the run's space (the config's before any run).
  const benchmark = useStore((s) => spaceInfo((s.runConfig ?? s.config).space).benchmark);
  const hasBenchmark = benchmark !== null;
  const shown = (p: Panel) => !view.hide.includes(p);
  // Each area's panels from the panel table, in its order: those not hidden, the benchmark ones on a benchmark space.
  const panelsIn = (area: PanelArea) =>
    PANEL_TABLE.filter((p) => p.area === area && shown(p.key) && (!p.needsBenchmark || hasBenchmark)).map((p) => {
      const Body = PANEL_COMPONENTS[p.key];
      return (
        <PanelBoundary key={p.key} name={p.key} title={p.title}>
          <Body />
        </PanelBoundary>
      );
    });
  // In presenter mode the left column (the config) folds behind the Show config toggle.
  const left = !view.present || controlsOpen ? panelsIn('left') : [];
  const right = panelsIn('right');

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
        <button
          type="button"
          className="controls-toggle"
          aria-expanded={controlsOpen}
          onClick={() => setControlsOpen(!controlsOpen)}
          data-testid="controls-toggle"
        >
          {controlsOpen ? 'Hide config' : 'Show config'}
        </button>
      )}
      <main className={`layout${left.length ? '' : ' no-left'}${right.length ? '' : ' no-right'}${hasBenchmark ? ' wide-right' : ''}`}>
        {left.length > 0 && <aside className="left">{left}</aside>}
        <div className="centre">
          <RunControls />
          <StaleBanner />
          {(shown('heatmap') || shown('ranking')) && <ChanceBanner />}
          {panelsIn('centre')}
        </div>
        {right.length > 0 && <aside className="right">{right}</aside>}
      </main>
      {panelsIn('below')}
      <footer className="footer">
        CIFAR-10: A. Krizhevsky, <i>Learning Multiple Layers of Features from Tiny Images</i>, 2009. BN-NAS: B. Chen et al., ICCV 2021.
        {benchmark && (
          <>
            {' '}
            {benchmark}: {benchmarkInfo(benchmark).credit} ({benchmarkInfo(benchmark).licenseName},{' '}
            <a href={`./${benchmarkInfo(benchmark).license}`}>license</a>).
          </>
        )}
      </footer>
    </div>
  );
}
