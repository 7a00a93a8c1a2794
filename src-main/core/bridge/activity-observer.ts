import type { ActivityLog } from '../activity/activity-log.js';
import type { DeliveryOutcome } from '../dust/result-poster.js';
import type { JsonRpcResponse } from '../jsonrpc.js';
import { activityId } from '../relay/dust-request-id.js';
import type { CallProgress, GatedCall, GateDecision, RelayObserver } from '../relay/relay-ports.js';

/** Feeds the activity log from the relay: request → decision (and why) → outcome and latency. */
export class ActivityObserver implements RelayObserver {
  constructor(private readonly log: ActivityLog) {}

  onCallReceived(call: GatedCall): void {
    this.log.recordRequest({
      id: activityId(call.requestId),
      server: call.serverName,
      method: 'tools/call',
      tool: call.tool.name,
      conversationId: call.conversationId,
      arguments: call.arguments,
    });
  }

  onCallDecided(call: GatedCall, decision: GateDecision): void {
    this.log.recordDecision(activityId(call.requestId), {
      decision: decision.allow ? 'allow' : 'deny',
      reason: decision.reason,
      by: decision.by,
    });
  }

  onCallFinished(
    call: GatedCall,
    outcome: { kind: 'result' | 'tool_error' | 'failed' | 'cancelled' | 'denied'; detail: string },
  ): void {
    this.log.recordOutcome(activityId(call.requestId), {
      kind: outcome.kind,
      detail: outcome.detail,
    });
  }

  onCallProgress(call: GatedCall, progress: CallProgress): void {
    this.log.recordProgress(activityId(call.requestId), progress);
  }

  onRequestAnswered(): void {
    // initialize and tools/list are too frequent to be news; counters cover them.
  }

  onDelivery(response: JsonRpcResponse, outcome: DeliveryOutcome): void {
    if (outcome.kind === 'delivered' || response.id === null) return;
    const entry = this.log.get(activityId(response.id));
    if (!entry?.outcome) return;
    const words: Record<Exclude<DeliveryOutcome['kind'], 'delivered'>, string> = {
      too_large: 'The result was too large for Dust; the agent was told so instead.',
      registration_gone:
        'Dust forgot this server before the answer arrived; the agent did not get it.',
      gave_up: 'The answer could not be delivered to Dust.',
    };
    this.log.recordOutcome(entry.id, {
      kind: entry.outcome.kind === 'result' ? 'failed' : entry.outcome.kind,
      detail: words[outcome.kind],
    });
  }
}

export { activityId };
