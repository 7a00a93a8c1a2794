import { useEffect } from 'react';

import { useAppStore } from '../../state/store-context';

/** The app's name and version, as main reports them through the bridge. */
export function AboutLine() {
  const appInfo = useAppStore((state) => state.appInfo);
  const loadAppInfo = useAppStore((state) => state.loadAppInfo);

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  switch (appInfo.status) {
    case 'loading':
      return <p aria-busy="true">Loading…</p>;
    case 'error':
      return <p role="alert">Could not reach the app: {appInfo.message}</p>;
    case 'ready':
      return (
        <p data-testid="app-version">
          {appInfo.value.name} {appInfo.value.version}
        </p>
      );
  }
}
