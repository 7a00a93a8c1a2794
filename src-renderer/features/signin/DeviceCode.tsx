import { CopyButton } from '../../components/CopyButton';
import { formatRemaining, useNow } from '../../components/use-now';
import { useAppStore } from '../../state/store-context';

interface AwaitingCode {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresAt: number;
}

/**
 * The device code, big and copyable. The app already opened the verification page; the link is
 * for when that browser tab got lost (main checks it against its https allowlist before opening).
 */
export function DeviceCode({ state }: { state: AwaitingCode }) {
  const cancel = useAppStore((store) => store.cancelSignIn);
  const now = useNow();
  const left = state.expiresAt - now;
  return (
    <div className="device">
      <p>Your browser opened a Dust page. Check that it shows this code, then confirm:</p>
      <p
        className="device-code"
        aria-label={`Code ${state.userCode.split('').join(' ')}`}
        data-testid="user-code"
      >
        {state.userCode}
      </p>
      <div className="row">
        <CopyButton value={state.userCode} label="Copy the code" />
        <a className="button" href={state.verificationUriComplete} target="_blank" rel="noreferrer">
          Open the Dust page again
        </a>
      </div>
      <p className={left < 60_000 ? 'urgent' : 'muted'} role="timer" aria-live="off">
        {left > 0
          ? `The code expires in ${formatRemaining(left)}.`
          : 'The code has expired. Cancel and sign in again.'}
      </p>
      <p className="muted" aria-busy="true">
        Waiting for you to confirm in the browser…
      </p>
      <button type="button" className="button quiet" onClick={() => void cancel()}>
        Cancel
      </button>
    </div>
  );
}
