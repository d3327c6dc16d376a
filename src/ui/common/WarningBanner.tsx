import { useStore } from '../../state/store';

/** Lists what the URL or a form asked for that could not be used as given, and what is used instead. */
export function WarningBanner() {
  const warnings = useStore((s) => s.warnings);
  const dismiss = useStore((s) => s.dismissWarnings);
  if (warnings.length === 0) return null;
  return (
    <div className="banner warn" role="alert" data-testid="warnings">
      <div>
        <b>Some settings were adjusted:</b>
        <ul>
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={dismiss} aria-label="Dismiss warnings">
        Dismiss
      </button>
    </div>
  );
}
