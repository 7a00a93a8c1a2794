import type { DustConnection } from '../../core/registration/dust-connection.js';
import type { ServerSupervisor } from '../../core/servers/server-supervisor.js';
import type { ServerEntry } from '../../core/settings/schema.js';
import type { SettingsStore } from '../../core/settings/settings-store.js';
import { HandlerError } from '../ipc-router.js';
import type { BridgeRuntime } from './bridge-runtime.js';

/** One configured server with its two state machines while it runs. */
export interface ServerStatus {
  name: string;
  entry: ServerEntry;
  /**
   * The local server (a process, or a remote connection). Absent while signed out, switched
   * off, waiting for the person's confirmation, or before the runtime picked it up.
   */
  local: ServerSupervisor | undefined;
  /** Its registration with Dust; present exactly when `local` is. */
  dust: DustConnection | undefined;
}

/**
 * What the tray, the views and the IPC handlers say to a server, in their words: restart it,
 * switch it on or off, stop one call, how it is doing. The one place that reaches into the
 * bridge runtime's host for them.
 */
export interface ServerControl {
  /** True while signed in to a workspace: enabled, confirmed servers run. */
  readonly running: boolean;
  /** Every configured server, in the settings' order. */
  statuses(): ServerStatus[];
  /** One configured server; undefined when there is none by that name. */
  status(name: string): ServerStatus | undefined;
  /** Restarts a running server; false (nothing done) when it does not run. */
  restart(name: string): Promise<boolean>;
  /** Switches one server on or off in the settings (the runtime follows); `not_found` in words. */
  setEnabled(name: string, enabled: boolean): Promise<void>;
  /** The tray's kill switch: every server on or off in one settings change. */
  setAllEnabled(enabled: boolean): Promise<void>;
  /** Stops one running call (Activity's "Stop"); false when it is not running any more. */
  stopCall(server: string, activityId: string): boolean;
  /** Tool calls Dust sent that have not been answered yet, waiting for the person or running. */
  runningCallCount(): number;
}

export function createServerControl(deps: {
  runtime: Pick<BridgeRuntime, 'bridgeHost'>;
  settings: SettingsStore;
}): ServerControl {
  const { runtime, settings } = deps;
  const bridge = (name: string) => runtime.bridgeHost?.get(name);
  const status = (name: string, entry: ServerEntry): ServerStatus => {
    const running = bridge(name);
    return { name, entry, local: running?.supervisor, dust: running?.connection };
  };
  /** Turns the chosen servers on or off in one settings change (the runtime follows it). */
  const setEnabled = async (chosen: (name: string) => boolean, enabled: boolean) => {
    await settings.update((current) => ({
      ...current,
      mcpServers: Object.fromEntries(
        Object.entries(current.mcpServers).map(([name, entry]) => [
          name,
          chosen(name) ? { ...entry, enabled } : entry,
        ]),
      ),
    }));
  };
  return {
    get running() {
      return runtime.bridgeHost !== undefined;
    },
    statuses: () =>
      Object.entries(settings.settings.mcpServers).map(([name, entry]) => status(name, entry)),
    status: (name) => {
      const entry = Object.hasOwn(settings.settings.mcpServers, name)
        ? settings.settings.mcpServers[name]
        : undefined;
      return entry ? status(name, entry) : undefined;
    },
    restart: async (name) => {
      const running = bridge(name);
      if (!running) return false;
      await running.supervisor.restart();
      return true;
    },
    setEnabled: async (name, enabled) => {
      if (!Object.hasOwn(settings.settings.mcpServers, name))
        throw new HandlerError('not_found', `There is no server named "${name}".`);
      await setEnabled((server) => server === name, enabled);
    },
    setAllEnabled: (enabled) => setEnabled(() => true, enabled),
    stopCall: (server, activityId) => bridge(server)?.relay.stopCall(activityId) ?? false,
    runningCallCount: () => {
      const host = runtime.bridgeHost;
      return host
        ? host.names().reduce((sum, name) => sum + (host.get(name)?.relay.pendingCallCount ?? 0), 0)
        : 0;
    },
  };
}
