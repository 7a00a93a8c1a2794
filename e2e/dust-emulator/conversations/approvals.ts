/**
 * Blocked actions and their validation (docs/protocol/conversations.md#validate-action,
 * #blocked-actions).
 *
 * A blocked action waits here until `validate-action`, a cancel, or the optional approval
 * timeout decides. `always_approved` is remembered per (user, base server id, tool), like Dust's
 * user metadata `toolsValidations:<base serverId>`, so it survives a re-registration that gives
 * the same server name a new random suffix.
 */
import type { Decision } from './turn.js';

export interface BlockedAction {
  actionId: string;
  messageId: string;
  conversationId: string;
  /** The author of the triggering user message: the only user allowed to validate. */
  userSId: string | null;
  serverId: string;
  serverName: string;
  toolName: string;
  inputs: Record<string, unknown>;
  resolve: (decision: Decision) => void;
}

export type ValidateOutcome =
  | { kind: 'ok'; decided: boolean }
  | { kind: 'error'; status: 400 | 404 | 500; type: string; message: string };

/** `getBaseServerId`: every instance of one server name shares the approvals. */
export function baseServerId(serverId: string): string {
  return serverId.replace(/\.[0-9a-f]+$/, '');
}

export class ApprovalBook {
  private readonly pending = new Map<string, BlockedAction>();
  private readonly decided = new Set<string>();
  private readonly always = new Set<string>();

  block(action: BlockedAction): void {
    this.pending.set(action.actionId, action);
  }

  isAlwaysApproved(userSId: string | null, serverId: string, toolName: string): boolean {
    return userSId !== null && this.always.has(key(userSId, serverId, toolName));
  }

  blockedFor(conversationId: string): BlockedAction[] {
    return [...this.pending.values()].filter((action) => action.conversationId === conversationId);
  }

  /**
   * Applies a decision. `knownStatus` is the action's status when it is not pending here (null if
   * no such action exists in the message): a repeated validation is a 200 no-op, any other state
   * is `action_not_blocked`.
   */
  validate(
    actionId: string,
    messageId: string,
    callerUserSId: string | null,
    approved: 'approved' | 'rejected' | 'always_approved',
    knownStatus: string | null,
  ): ValidateOutcome {
    const pendingAction = this.pending.get(actionId);
    // An action of another message is "not found" for this one, as Dust looks it up per message.
    const action = pendingAction?.messageId === messageId ? pendingAction : undefined;
    if (action === undefined) {
      if (knownStatus === null) {
        return {
          kind: 'error',
          status: 404,
          type: 'action_not_found',
          message: `Action not found: ${actionId}`,
        };
      }
      if (this.decided.has(actionId)) return { kind: 'ok', decided: false };
      return {
        kind: 'error',
        status: 400,
        type: 'action_not_blocked',
        message: `Action is not blocked: ${knownStatus}`,
      };
    }
    if (action.userSId === null || action.userSId !== callerUserSId) {
      return {
        kind: 'error',
        status: 500,
        type: 'internal_server_error',
        message: 'Failed to validate action',
      };
    }
    this.pending.delete(actionId);
    this.decided.add(actionId);
    if (approved === 'always_approved')
      this.always.add(key(action.userSId, action.serverId, action.toolName));
    action.resolve(approved);
    return { kind: 'ok', decided: true };
  }

  /** Ends every wait of one message (cancel) or one action (timeout). */
  release(predicate: (action: BlockedAction) => boolean, decision: Decision): void {
    for (const action of [...this.pending.values()]) {
      if (!predicate(action)) continue;
      this.pending.delete(action.actionId);
      action.resolve(decision);
    }
  }
}

function key(userSId: string, serverId: string, toolName: string): string {
  return `${userSId}\u0000${baseServerId(serverId)}\u0000${toolName}`;
}
