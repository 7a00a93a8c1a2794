import { useAppStore } from '../../state/store-context';

interface Props {
  user: { email: string; fullName?: string | undefined };
  workspaces: Array<{ sId: string; name: string; role: string }>;
}

/** Several workspaces: the person picks the one whose agents may call their tools. */
export function WorkspacePicker({ user, workspaces }: Props) {
  const select = useAppStore((state) => state.selectWorkspace);
  const busy = useAppStore((state) => state.authBusy);
  return (
    <div>
      <p>
        Signed in as <strong>{user.fullName ?? user.email}</strong>. Which workspace should this
        computer serve?
      </p>
      {workspaces.length === 0 ? (
        <p className="notice">
          This account has no workspace. Ask an admin to invite you, then sign in again.
        </p>
      ) : (
        <ul className="list" aria-label="Workspaces">
          {workspaces.map((workspace) => (
            <li key={workspace.sId}>
              <button
                type="button"
                className="button wide"
                disabled={busy}
                onClick={() => void select(workspace.sId)}
              >
                {workspace.name} <span className="muted">({workspace.role})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
