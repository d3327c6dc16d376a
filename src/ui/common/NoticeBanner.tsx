import { useStore } from '../../state/store';

/** A notice that is not a failure: what the page refused or dropped, and why. */
export function NoticeBanner() {
  const notice = useStore((s) => s.notice);
  const dismiss = useStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="banner warn" role="status" data-testid="notice">
      <span>{notice}</span>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
