import { useStore } from '../../state/store';

export function ErrorBanner() {
  const error = useStore((s) => s.error);
  if (!error) return null;
  return (
    <div className="banner error" role="alert" data-testid="run-error">
      <b>The run failed:</b> {error}
    </div>
  );
}
