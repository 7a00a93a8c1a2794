import { useEffect, useRef, useState } from 'react';

import { revealInvisible } from '../../components/reveal-invisible';
import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { useNow } from '../../components/use-now';
import { formatRelative, plural, sentence } from '../../components/words';
import { useAppStore } from '../../state/store-context';
import { AutoAllowedSummary } from './AutoAllowedSummary';
import { GrantScopeWords } from './GrantScopeWords';
import { RulesSection } from './RulesSection';

/** Everything auto-allowed, and why; each can be taken back, or all at once after a confirm. */
export function PermissionsView() {
  const grants = useAppStore((state) => state.grants);
  const error = useAppStore((state) => state.grantsError);
  const revoke = useAppStore((state) => state.revokeGrant);
  const revokeAll = useAppStore((state) => state.revokeAllGrants);
  const retry = useAppStore((state) => state.retry);
  const [confirming, setConfirming] = useState(false);
  const now = useNow(30_000);
  const revokeAllButton = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (refocus && !confirming) revokeAllButton.current?.focus();
    setRefocus(false);
  }, [refocus, confirming]);
  /** Closes the question and puts the focus back on "Revoke all". */
  const keep = () => {
    setConfirming(false);
    setRefocus(true);
  };
  const count = grants.status === 'ready' ? grants.value.length : 0;
  return (
    <section aria-labelledby="permissions-title" className="view">
      <div className="view-head">
        <h2 id="permissions-title">Permissions</h2>
        {count > 0 && !confirming && (
          <button
            ref={revokeAllButton}
            type="button"
            className="button danger"
            onClick={() => setConfirming(true)}
          >
            Revoke all
          </button>
        )}
      </div>
      {confirming && (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="revoke-all-q"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            keep();
          }}
        >
          <p id="revoke-all-q">
            Revoke {count === 1 ? 'the permission' : `all ${plural(count, 'permission')}`}? Those
            calls will ask you again.
          </p>
          <div className="row">
            <button
              type="button"
              className="button danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                void revokeAll();
              }}
            >
              Yes, revoke all
            </button>
            <button type="button" className="button" onClick={keep}>
              Keep them
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {grants.status === 'loading' && <Loading what="permissions" />}
      {grants.status === 'error' && (
        <ErrorBlock message={`Could not load permissions: ${grants.message}`} onRetry={retry} />
      )}
      <AutoAllowedSummary />
      {grants.status === 'ready' && grants.value.length === 0 && (
        <Empty title="No permissions">
          “Always allow”, “Allow for this conversation” or “Allow for…” on a request adds one here.
        </Empty>
      )}
      {grants.status === 'ready' && grants.value.length > 0 && (
        <ul className="stack" aria-label="Permissions">
          {grants.value.map((grant) => (
            <li key={grant.id} className="card grant" data-testid="grant">
              <div>
                <p className="card-title">
                  <span className="mono">{revealInvisible(grant.tool)}</span>{' '}
                  <span className="muted">on {revealInvisible(grant.server)}</span>
                  {grant.stale && (
                    <span className="tag risk-changes" data-testid="stale-grant">
                      No longer applies
                    </span>
                  )}
                </p>
                <p>
                  <GrantScopeWords grant={grant} now={now} />
                </p>
                {grant.stale && (
                  <p className="small">
                    The tool changed since (its description, schema or command line), so its calls
                    ask you again.
                  </p>
                )}
                <p className="muted small">
                  {sentence(grant.reason)} Given {formatRelative(grant.createdAt, now)}.
                </p>
              </div>
              <button
                type="button"
                className="button"
                onClick={() => void revoke(grant.id)}
                aria-label={`Revoke ${grant.tool} on ${grant.server}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <RulesSection />
    </section>
  );
}
