import { useEffect } from 'react';

import { AboutLine } from './features/about/AboutLine';
import { FileProblemsBanner } from './features/about/FileProblemsBanner';
import { SignInScreen } from './features/signin/SignInScreen';
import { Shell } from './shell/Shell';
import { useAppStore } from './state/store-context';

/**
 * Chooses the screen from the auth stream: loading, "could not reach the app", sign-in, or the
 * signed-in shell. `init` runs once listeners can be registered (StrictMode runs it twice; the
 * second run replaces the first).
 */
export function App() {
  const init = useAppStore((state) => state.init);
  const retry = useAppStore((state) => state.retry);
  const auth = useAppStore((state) => state.auth);
  useEffect(() => init(), [init]);

  if (auth.status === 'ready' && auth.value.state.kind === 'signed-in') return <Shell />;
  return (
    <main className="app app-plain">
      <h1 className="brand">Dust MCP Tray</h1>
      <FileProblemsBanner />
      {auth.status === 'loading' && (
        <p className="state" aria-busy="true">
          Connecting to the app…
        </p>
      )}
      {auth.status === 'error' && (
        <div className="state state-error" role="alert">
          <p>Could not reach the app: {auth.message}</p>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {auth.status === 'ready' && <SignInScreen snapshot={auth.value} />}
      <footer className="footer">
        <AboutLine />
      </footer>
    </main>
  );
}
