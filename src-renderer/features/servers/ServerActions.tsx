import { useState } from 'react';

import type { ServerStatusDto, TestServerOutput } from '../../../src-main/shared/contract/servers';
import type { Result } from '../../state/slices/servers-slice';
import { useAppStore } from '../../state/store-context';
import { formFromDto, maskedEnv, type ServerFormText } from './server-form-text';
import { TestResult } from './TestResult';

interface Props {
  server: ServerStatusDto;
  onEdit: (form: ServerFormText, masked: Record<string, string>) => void;
}

/** Restart, test, edit and remove (with a confirm) for one saved server. */
export function ServerActions({ server, onEdit }: Props) {
  const busy = useAppStore((state) => Boolean(state.serverBusy[server.name]));
  const restart = useAppStore((state) => state.restartServer);
  const test = useAppStore((state) => state.testServer);
  const load = useAppStore((state) => state.loadServerForm);
  const remove = useAppStore((state) => state.removeServer);
  const [tested, setTested] = useState<Result<TestServerOutput> | 'running' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const edit = async () => {
    const result = await load(server.name);
    if (result.ok) onEdit(formFromDto(result.value), maskedEnv(result.value));
    else setLoadError(result.message);
  };
  return (
    <>
      <TestResult result={tested} />
      {loadError && (
        <p className="error-text" role="alert">
          {loadError}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy || !server.enabled}
          onClick={() => void restart(server.name)}
        >
          {busy ? 'Working…' : retryable(server) ? 'Retry' : 'Restart'}
        </button>
        <button
          type="button"
          className="button"
          disabled={tested === 'running'}
          onClick={() => {
            setTested('running');
            void test({ kind: 'saved', name: server.name }).then(setTested);
          }}
        >
          Test
        </button>
        <button type="button" className="button" onClick={() => void edit()}>
          Edit
        </button>
        {confirming ? (
          <span className="row" role="group" aria-label={`Remove ${server.name}?`}>
            <button
              type="button"
              className="button danger"
              onClick={() => void remove(server.name)}
            >
              Yes, remove
            </button>
            <button type="button" className="button quiet" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button quiet" onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
      </div>
    </>
  );
}

/** A server that failed to start (or gave up) is retried, not restarted: the button says so. */
function retryable(server: ServerStatusDto): boolean {
  return ['crashed', 'hung', 'backoff', 'failed'].includes(server.local.state);
}
