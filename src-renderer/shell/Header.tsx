import { useShallow } from 'zustand/react/shallow';

import { selectConnection } from '../state/selectors';
import { useAppStore } from '../state/store-context';

/** Who is signed in, to which workspace, and whether the local servers reach Dust. */
export function Header() {
  const auth = useAppStore((state) => state.auth);
  const signOut = useAppStore((state) => state.signOut);
  const connection = useAppStore(useShallow(selectConnection));
  const state =
    auth.status === 'ready' && auth.value.state.kind === 'signed-in' ? auth.value.state : null;
  const tone =
    connection.failing > 0
      ? 'bad'
      : connection.total > 0 && connection.online === connection.total
        ? 'good'
        : 'warn';
  const summary =
    connection.total === 0
      ? 'No servers enabled'
      : `${connection.online} of ${connection.total} server${connection.total === 1 ? '' : 's'} online` +
        (connection.failing ? `, ${connection.failing} failing` : '');
  return (
    <header className="header">
      <div className="header-who">
        <h1 className="brand">Dust MCP Tray</h1>
        {state && (
          <p className="muted header-user" data-testid="signed-in-as">
            {state.user?.fullName ?? state.user?.email ?? 'Signed in'} ·{' '}
            {state.workspaceName ?? state.workspaceId}
          </p>
        )}
        {state?.message && <p className="notice">{state.message}</p>}
      </div>
      <div className="header-side">
        <p className={`pill pill-${tone}`} role="status" data-testid="connection-summary">
          {summary}
        </p>
        <button type="button" className="button small quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
