import { useEffect } from 'react';

import { CopyButton } from '../../components/CopyButton';
import { ErrorBlock, Loading } from '../../components/StatusBlock';
import { useNow } from '../../components/use-now';
import { formatClock, formatRelative } from '../../components/words';
import { useAppStore } from '../../state/store-context';
import { ShortcutSetting } from '../ask/ShortcutSetting';
import { WaitTimeSetting } from './WaitTimeSetting';

const regionNames = { us: 'United States', eu: 'Europe', custom: 'Custom' } as const;

/**
 * Settings in the window (the tray may be hidden, as on GNOME): notifications, start at login,
 * pausing approvals, the time to answer, the global shortcut, the region, and where files live.
 */
export function SettingsView() {
  const view = useAppStore((state) => state.settingsView);
  const load = useAppStore((state) => state.loadSettings);
  const change = useAppStore((state) => state.changeSetting);
  const saving = useAppStore((state) => state.settingsSaving);
  const error = useAppStore((state) => state.settingsError);
  const now = useNow(15_000);
  // Read again when the window comes back: the tray may have paused approvals meanwhile.
  useEffect(() => {
    void load();
    const reload = () => void load();
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [load]);
  if (view.status === 'loading') return <Loading what="settings" />;
  if (view.status === 'error')
    return (
      <ErrorBlock
        message={`Could not load settings: ${view.message}`}
        onRetry={() => void load()}
      />
    );
  const settings = view.value;
  const paused =
    settings.pausedUntil !== undefined && settings.pausedUntil > now
      ? settings.pausedUntil
      : undefined;
  return (
    <section aria-labelledby="settings-title" className="view settings">
      <h2 id="settings-title">Settings</h2>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <fieldset className="card">
        <legend>Requests</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.notifications}
            disabled={saving === 'notifications'}
            onChange={(event) =>
              void change({ kind: 'notifications', enabled: event.target.checked })
            }
          />
          Show a desktop notification when a request waits and this window is not in front
        </label>
        <div className="row" data-testid="pause-setting">
          {paused ? (
            <>
              <span>
                Approvals are paused until {formatClock(paused, now)} ({formatRelative(paused, now)}
                ): requests are denied at once, with that reason.
              </span>
              <button
                type="button"
                className="button small"
                disabled={saving === 'pause'}
                onClick={() => void change({ kind: 'pause', minutes: null })}
              >
                Resume now
              </button>
            </>
          ) : (
            <>
              <span>
                Away? Pause approvals: requests are denied at once instead of waiting for you.
              </span>
              <button
                type="button"
                className="button small"
                disabled={saving === 'pause'}
                onClick={() => void change({ kind: 'pause', minutes: 15 })}
              >
                Pause for 15 min
              </button>
              <button
                type="button"
                className="button small"
                disabled={saving === 'pause'}
                onClick={() => void change({ kind: 'pause', minutes: 60 })}
              >
                Pause for 1 h
              </button>
            </>
          )}
        </div>
        <p>
          When nobody answers: <strong>deny</strong>. A call never runs without a yes from you, a
          rule or a permission.
        </p>
        <WaitTimeSetting
          key={settings.waitSeconds}
          seconds={settings.waitSeconds}
          limits={settings.waitLimits}
        />
      </fieldset>
      <fieldset className="card">
        <legend>This computer</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startAtLogin.enabled}
            disabled={!settings.startAtLogin.available || saving === 'startAtLogin'}
            onChange={(event) =>
              void change({ kind: 'startAtLogin', enabled: event.target.checked })
            }
          />
          Start at login (in the tray, without opening this window)
        </label>
        {!settings.startAtLogin.available && <p className="muted small">Not available here.</p>}
        <ShortcutSetting />
      </fieldset>
      <fieldset className="card">
        <legend>Dust</legend>
        <p>
          Region: <strong>{regionNames[settings.region.region]}</strong>{' '}
          <span className="mono">{settings.region.url}</span>
        </p>
        {!settings.region.editable && (
          <p className="muted small">
            Sign out to change the region: your sign-in belongs to this one.
          </p>
        )}
      </fieldset>
      <fieldset className="card">
        <legend>Files</legend>
        <dl className="facts">
          <dt>Data folder</dt>
          <dd>
            <span className="mono">{settings.dataFolder}</span>{' '}
            <CopyButton value={settings.dataFolder} label="Copy the data folder's path" />
          </dd>
          <dt>Settings file</dt>
          <dd className="mono">{settings.settingsFile}</dd>
          <dt>Activity log</dt>
          <dd>
            {settings.logFiles.map((file) => (
              <span key={file} className="mono block">
                {file}
              </span>
            ))}
            <span className="muted small">
              JSON lines, newest file first; Activity → Export JSONL gives the same entries.
            </span>
          </dd>
        </dl>
        <p className="muted small">
          Tokens and server secrets are in the system keychain, never in these files.
        </p>
      </fieldset>
    </section>
  );
}
