import type { AuthSnapshotDto } from '../../../src-main/shared/contract/auth';
import { useAppStore } from '../../state/store-context';
import { DeviceCode } from './DeviceCode';
import { RegionForm } from './RegionForm';
import { WorkspacePicker } from './WorkspacePicker';

/** First run and every signed-out moment: region, device code, workspace. */
export function SignInScreen({ snapshot }: { snapshot: AuthSnapshotDto }) {
  const authError = useAppStore((state) => state.authError);
  const { state } = snapshot;
  return (
    <section className="signin" aria-labelledby="signin-title">
      <h2 id="signin-title">Connect to Dust</h2>
      {authError && (
        <p className="error-text" role="alert">
          {authError}
        </p>
      )}
      {state.kind === 'signed-out' && (
        <RegionForm region={snapshot.region} message={state.message} />
      )}
      {state.kind === 'awaiting-code' && <DeviceCode state={state} />}
      {state.kind === 'loading' && (
        <p className="state" aria-busy="true">
          {state.message}
        </p>
      )}
      {state.kind === 'choose-workspace' && (
        <WorkspacePicker user={state.user} workspaces={state.workspaces} />
      )}
    </section>
  );
}
