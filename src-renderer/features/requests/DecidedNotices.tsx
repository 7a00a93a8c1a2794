import { useNow } from '../../components/use-now';
import type { DecidedNotice } from '../../state/reducers/approvals-reducer';
import { useAppStore } from '../../state/store-context';

/** How long a "what happened" line stays: long enough to read, short enough not to pile up. */
const NOTICE_MS = 60_000;
const byWords: Record<string, string> = {
  you: 'by you',
  user: 'by you',
  deadline: 'the deadline passed',
  policy: 'by a rule',
};

function words(notice: DecidedNotice): string {
  if (notice.by === 'error') return notice.reason;
  const verdict = notice.verdict === 'approve' ? 'Approved' : 'Denied';
  return notice.reason
    ? `${verdict} ${notice.tool}: ${notice.reason}`
    : `${verdict} ${notice.tool} (${byWords[notice.by] ?? notice.by})`;
}

/** What happened to the calls that just left the queue, read out politely by screen readers. */
export function DecidedNotices() {
  const recent = useAppStore((state) => state.approvals.recent);
  const now = useNow(5000);
  return (
    <ul className="notices" aria-live="polite" aria-label="Recent decisions">
      {recent
        .filter((notice) => now - notice.at < NOTICE_MS)
        .slice(0, 3)
        .map((notice, index) => (
          <li
            key={`${notice.callId}-${index}`}
            className={`notice-line notice-${notice.by === 'error' ? 'error' : notice.verdict}`}
          >
            {words(notice)}
          </li>
        ))}
    </ul>
  );
}
