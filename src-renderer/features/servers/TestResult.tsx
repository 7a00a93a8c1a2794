import type { TestServerOutput } from '../../../src-main/shared/contract/servers';
import type { Result } from '../../state/slices/servers-slice';

/** What "Test server" found: the handshake and tools, or the problem in words with stderr. */
export function TestResult({ result }: { result: Result<TestServerOutput> | 'running' | null }) {
  if (result === null) return null;
  if (result === 'running') {
    return (
      <p className="muted" aria-busy="true" role="status">
        Starting the server and asking for its tools…
      </p>
    );
  }
  if (!result.ok) {
    return (
      <p className="error-text" role="alert">
        Could not test: {result.message}
      </p>
    );
  }
  const test = result.value;
  return (
    <div className={test.ok ? 'test-ok' : 'test-bad'} role="status" data-testid="test-result">
      {test.ok ? (
        <p>
          It works{test.serverInfo ? ` (${test.serverInfo.name} ${test.serverInfo.version})` : ''}:{' '}
          {test.tools.length} tools —{' '}
          <span className="mono small">{test.tools.map((tool) => tool.name).join(', ')}</span>
        </p>
      ) : (
        <p className="error-text">{test.problem ?? 'The server did not answer.'}</p>
      )}
      {test.stderrTail.length > 0 && (
        <details className="details" open={!test.ok}>
          <summary>Its error output</summary>
          <pre className="log">{test.stderrTail.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
