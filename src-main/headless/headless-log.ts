import type { ActivityLog } from '../core/activity/activity-log.js';
import { activityId } from '../core/bridge/activity-observer.js';
import type { BridgeHost } from '../core/bridge/bridge-host.js';
import type { JsonRpcResponse } from '../core/jsonrpc.js';
import { DisposableStore, type IDisposable } from '../core/lifecycle.js';
import { describeRegistration } from '../core/registration/state.js';

export interface HeadlessEventLog extends IDisposable {
  /** Dust has the answer to this request (or it could not be delivered): its `call` line is due. */
  delivered(response: JsonRpcResponse): void;
}

/**
 * Headless mode's JSON lines: one per registration (server name and serverId), one per call
 * (tool, decision and why, outcome, ms), and state changes in words. Never a secret: call
 * arguments are not printed, and the activity log has already redacted reasons.
 *
 * A call's line waits for the delivery of its answer, so it carries the final outcome once: a
 * result Dust refused as too large (413) is one `failed` line, not `result` then `failed`.
 */
export function logHeadlessEvents(
  host: BridgeHost,
  activity: ActivityLog,
  writeLine: (record: Record<string, unknown>) => void,
): HeadlessEventLog {
  const store = new DisposableStore();
  const awaitingDelivery = new Set<string>();
  const lastWords = new Map<string, string>();
  store.add(
    host.onDidChange((event) => {
      const bridge = host.get(event.server);
      if (event.kind === 'serverId') {
        if (event.next)
          writeLine({
            event: 'registered',
            server: event.server,
            dustName: bridge?.connection.dustName,
            serverId: event.next,
            ...(event.previous ? { previousServerId: event.previous } : {}),
          });
        return;
      }
      if (!bridge) return;
      const words = `Dust: ${describeRegistration(bridge.connection.state)}. ${bridge.supervisor.describeProblem()}`;
      if (lastWords.get(event.server) === words) return;
      lastWords.set(event.server, words);
      writeLine({
        event: 'state',
        server: event.server,
        dust: bridge.connection.state.kind,
        local: bridge.supervisor.state.kind,
        words,
      });
    }),
  );
  store.add(
    activity.onDidRecord((record) => {
      if (record.type === 'outcome') awaitingDelivery.add(record.id);
    }),
  );
  const writeCall = (id: string) => {
    awaitingDelivery.delete(id);
    const entry = activity.get(id);
    if (!entry?.outcome) return;
    writeLine({
      event: 'call',
      server: entry.server,
      tool: entry.tool,
      conversationId: entry.conversationId,
      decision: entry.decision?.decision,
      decidedBy: entry.decision?.by,
      reason: entry.decision?.reason,
      outcome: entry.outcome.kind,
      detail: entry.outcome.detail,
      ms: Math.round(entry.outcome.latencyMs),
    });
  };
  return {
    delivered: (response) => {
      if (response.id === null) return;
      const id = activityId(response.id);
      if (awaitingDelivery.has(id)) writeCall(id);
    },
    dispose: () => {
      // Calls whose answer never reached the poster (no registration left) still get their line.
      for (const id of [...awaitingDelivery]) writeCall(id);
      store.dispose();
    },
  };
}
