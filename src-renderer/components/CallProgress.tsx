import type { ActivityEntryDto } from '../../src-main/shared/contract/approvals';

/**
 * A running call's progress as its local server reports it: a bar when it gave a total, and its
 * words.
 */
export function CallProgress({ progress }: { progress: ActivityEntryDto['progress'] }) {
  if (!progress) return null;
  const percent = progress.ratio === undefined ? undefined : Math.round(progress.ratio * 100);
  return (
    <span className="call-progress" data-testid="call-progress">
      {percent !== undefined && (
        <progress max={100} value={percent} aria-label={`${percent}% done`}>
          {percent}%
        </progress>
      )}
      {percent !== undefined && <span className="muted small"> {percent}%</span>}
      {progress.message && <span className="muted small"> · {progress.message}</span>}
    </span>
  );
}
