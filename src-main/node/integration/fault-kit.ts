import { connect, createServer, type Server, type Socket } from 'node:net';

import { expect } from 'vitest';

import type { RunningEmulator } from '../../../e2e/dust-emulator/index.js';
import { describeRegistration } from '../../core/registration/state.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import type { createBridgeKit } from './bridge-kit.js';

type Kit = ReturnType<typeof createBridgeKit>;

/** Fast timings for the matrix: every fault must show within seconds, not Dust's minutes. */
export const fastConnection = {
  heartbeatMaxMs: 300,
  heartbeatRetryMs: 100,
  registerBackoff: { initialMs: 50, maxMs: 400, jitter: 'equal' as const },
  reconnectBackoff: { initialMs: 50, maxMs: 400, jitter: 'full' as const, immediateFirst: true },
  stableStreamMs: 2_000,
  quickDoneMs: 300,
};

export const allowAll = (server: string) => [{ server, tool: '*', action: 'allow' as const }];

export function agentInput(emulator: RunningEmulator, serverId: string, messageId = 'msg1') {
  return {
    workspaceId: emulator.seeds.workspaceId,
    userId: emulator.seeds.users.ada.sId,
    serverId,
    conversationId: 'conv1',
    messageId,
  };
}

/** Waits for the open stream and (optionally) a ready local server; returns the serverId. */
export function streaming(
  kit: Kit,
  name: string,
  options: { needReady?: boolean; not?: string; timeoutMs?: number } = {},
): Promise<string> {
  return waitFor(
    `${name} to stream`,
    () => {
      const bridge = kit.host.get(name);
      const state = bridge?.connection.state;
      const ready = options.needReady === false || bridge?.supervisor.state.kind === 'ready';
      return state?.kind === 'streaming' &&
        state.stream === 'open' &&
        ready &&
        state.serverId !== options.not
        ? state.serverId
        : undefined;
    },
    options.timeoutMs ?? 20_000,
  );
}

/** What the user reads about a server: the registration and the local process, in words. */
export function words(kit: Kit, name: string): string {
  const bridge = kit.host.get(name);
  if (!bridge) return 'no bridge';
  return `${describeRegistration(bridge.connection.state)} | ${bridge.supervisor.describeProblem()}`;
}

/**
 * Exactly-once on the wire: every result Dust received was for a request it is still routing,
 * none twice. `resultsById` counts posts per rewritten request id.
 */
export function expectExactlyOnce(emulator: RunningEmulator, expectedRequests?: number): void {
  const snapshot = emulator.counters.read();
  const byId = snapshot.byKey['resultsById'] ?? {};
  for (const [id, count] of Object.entries(byId)) expect(count, `results for ${id}`).toBe(1);
  if (expectedRequests !== undefined)
    expect(Object.keys(byId).length).toBeGreaterThanOrEqual(expectedRequests);
  expect(snapshot.totals['duplicateResults'] ?? 0).toBe(0);
  expect(snapshot.totals['unknownIdResults'] ?? 0).toBe(0);
}

/**
 * A TCP relay between the app and the emulator that can be cut: "network down" is a refused or
 * reset connection, as on a real outage, while Dust (the emulator) keeps its state — which a
 * restarted emulator would not. `down()` resets every open socket and refuses new ones.
 */
export class CuttableLink {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private isDown = false;
  port = 0;

  constructor(private readonly targetPort: number) {}

  async start(): Promise<string> {
    this.server = createServer((client) => {
      if (this.isDown) {
        client.resetAndDestroy();
        return;
      }
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}`;
  }

  down(): void {
    this.isDown = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  up(): void {
    this.isDown = false;
  }

  async close(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
