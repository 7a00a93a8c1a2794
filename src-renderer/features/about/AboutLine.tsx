import { useEffect } from 'react';

import { useAppStore } from '../../state/store-context';

/**
 * The app's name and version, as main reports them through the bridge.
 *
 * A failure here is quiet text, not an alert: when the bridge is down the screen already says so
 * once, and two alerts for one cause would be read out twice.
 */
export function AboutLine() {
  const appInfo = useAppStore((state) => state.appInfo);
  const loadAppInfo = useAppStore((state) => state.loadAppInfo);

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  switch (appInfo.status) {
    case 'loading':
      return (
        <p aria-busy="true" className="muted">
          Loading…
        </p>
      );
    case 'error':
      return (
        <p className="muted" data-testid="app-version-error">
          Version unknown: {appInfo.message}
        </p>
      );
    case 'ready':
      return (
        <p data-testid="app-version" className="muted">
          {appInfo.value.name} {appInfo.value.version}
        </p>
      );
  }
}
