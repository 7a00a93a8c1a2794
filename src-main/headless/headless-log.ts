import type { ActivityLog } from '../core/activity/activity-log.js';
import type { BridgeHost } from '../core/bridge/bridge-host.js';
import { DisposableStore, type IDisposable } from '../core/lifecycle.js';
import { describeRegistration } from '../core/registration/state.js';

/**
 * Headless mode's JSON lines: one per registration (server name and serverId), one per call
 * (tool, decision and why, outcome, ms), and state changes in words. Never a secret: call
 * arguments are not printed, and the activity log has already redacted reasons.
 */
export function logHeadlessEvents(host: BridgeHost, activity: ActivityLog, writeLine: (record: Record<string, unknown>) => void): IDisposable {
  const store = new DisposableStore();
  const lastWords = new Map<string, string>();
  store.add(
    host.onDidChange((event) => {
      const bridge = host.get(event.server);
      if (event.kind === 'serverId') {
        if (event.next) writeLine({ event: 'registered', server: event.server, dustName: bridge?.connection.dustName, serverId: event.next, ...(event.previous ? { previousServerId: event.previous } : {}) });
        return;
      }
      if (!bridge) return;
      const words = `Dust: ${describeRegistration(bridge.connection.state)}. ${bridge.supervisor.describeProblem()}`;
      if (lastWords.get(event.server) === words) return;
      lastWords.set(event.server, words);
      writeLine({ event: 'state', server: event.server, dust: bridge.connection.state.kind, local: bridge.supervisor.state.kind, words });
    }),
  );
  store.add(
    activity.onDidRecord((record) => {
      if (record.type !== 'outcome') return;
      const entry = activity.get(record.id);
      writeLine({
        event: 'call',
        server: entry?.server,
        tool: entry?.tool,
        conversationId: entry?.conversationId,
        decision: entry?.decision?.decision,
        decidedBy: entry?.decision?.by,
        reason: entry?.decision?.reason,
        outcome: record.outcome.kind,
        detail: record.outcome.detail,
        ms: Math.round(record.latencyMs),
      });
    }),
  );
  return store;
}
