import type { BridgeHost } from '../bridge/bridge-host.js';
import type { Event } from '../emitter.js';

/** One local server as a conversation sees it: the names and the id Dust knows it by now. */
export interface LocalServerInfo {
  /** The user's name for it (the `mcpServers` key). */
  name: string;
  /** The name it registered under; Dust's approval metadata says `mcpServerName` = this. */
  dustName: string;
  /** Set only while registered and streaming, i.e. while Dust can route calls to it. */
  serverId: string | undefined;
}

export interface ServerIdChange {
  server: string;
  previous: string | undefined;
  next: string | undefined;
}

/** What the conversation service needs from the bridge host; a port so it stays testable. */
export interface LocalServers {
  list(): LocalServerInfo[];
  readonly onDidChangeServerId: Event<ServerIdChange>;
}

/**
 * The bridge host as `LocalServers`. A server counts as connected only while its registration is
 * streaming (or reconnecting with the same id): attaching an id Dust no longer knows would get
 * the whole message refused with a 403.
 */
export function localServersOf(host: BridgeHost): LocalServers {
  return {
    list: () =>
      host.names().flatMap((name) => {
        const connection = host.get(name)?.connection;
        if (!connection) return [];
        const state = connection.state;
        const serverId =
          state.kind === 'streaming' || state.kind === 'reconnecting' ? state.serverId : undefined;
        return [{ name, dustName: connection.dustName, serverId }];
      }),
    onDidChangeServerId: (listener) =>
      host.onDidChange((event) => {
        if (event.kind === 'serverId')
          listener({ server: event.server, previous: event.previous, next: event.next });
      }),
  };
}
