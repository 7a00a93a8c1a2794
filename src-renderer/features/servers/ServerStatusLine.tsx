import type { ServerStatusDto } from '../../../src-main/shared/contract/servers';
import { useNow } from '../../components/use-now';

type Status = NonNullable<ServerStatusDto['status']>;

/** "in 45 s", "in 3 min": when a server that failed tries again by itself. */
function retryWords(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds < 60 ? `Next try in ${seconds} s.` : `Next try in ${Math.ceil(seconds / 60)} min.`;
}

/** The card's headline: the server's one state in words, coloured by its tone. */
export function ServerStatusLine({ status }: { status: Status }) {
  const now = useNow(1000);
  return (
    <p className={`status-line tone-${status.tone}`} data-testid="server-status" role="status">
      <span className={`pill pill-${status.tone}`}>{toneWord[status.tone]}</span> {status.words}
      {status.retryAt !== undefined && status.retryAt > now && (
        <span className="muted"> {retryWords(status.retryAt - now)}</span>
      )}
    </p>
  );
}

const toneWord: Record<Status['tone'], string> = {
  good: 'Working',
  warn: 'Starting',
  bad: 'Not working',
  idle: 'Off',
};
