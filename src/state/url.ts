/** The address bar follows the config and view; a pasted link replaces them. */
import { hashOf, readHash, useStore } from './store';

/** Keeps the address bar on the current config and view (replaceState: no history spam). */
export function syncUrl(): () => void {
  // Write the parsed (validated, clamped) config at once, so the address bar and Copy link show what runs.
  const first = hashOf(useStore.getState().config, useStore.getState().view);
  if (location.hash !== first) history.replaceState(null, '', first);
  // A link pasted or edited in the address bar of an open page: take its config, stop what runs, show its saved run.
  const onHashChange = () => {
    const s = useStore.getState();
    if (location.hash === hashOf(s.config, s.view)) return;
    const next = readHash(location.hash);
    s.reset();
    useStore.setState({ config: next.config, view: next.view, warnings: next.warnings });
    history.replaceState(null, '', hashOf(next.config, next.view));
    void useStore.getState().restore();
  };
  addEventListener('hashchange', onHashChange);
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.config === prev.config && s.view === prev.view) return;
    const hash = hashOf(s.config, s.view);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  });
  return () => {
    removeEventListener('hashchange', onHashChange);
    unsubscribe();
  };
}
