import type { ApprovalService } from '../../core/approvals/approval-service.js';
import type { AuthService } from '../../core/auth/auth-service.js';
import type { BridgeRuntime } from './bridge-runtime.js';
import type { ServerControl } from './server-control.js';

/** What the person is asked before signing out: how many calls wait for them, how many run. */
export interface SignOutQuestion {
  waiting: number;
  running: number;
}

/**
 * Main's own question before a sign-out that would cut calls short (a native dialog in the
 * desktop app, a scripted answer in tests): true to go on. Named for sign-out alone so that
 * other confirmations (running a new command line) stay separate ports.
 */
export type ConfirmSignOut = (question: SignOutQuestion) => Promise<boolean>;

/**
 * The words Dust's agent (and the person, in Ask and Activity) read for a call denied by sign-out.
 */
export const SIGNED_OUT_REASON = 'Signed out of Dust MCP Tray before anyone answered';

export interface SignOutDeps {
  auth: AuthService;
  approvals: ApprovalService;
  runtime: Pick<BridgeRuntime, 'settled'>;
  servers: Pick<ServerControl, 'runningCallCount'>;
  /** Absent: nobody to ask (headless), sign-out goes ahead. */
  confirm?: ConfirmSignOut;
}

/**
 * Sign-out as a real exit, in this order: ask when calls wait or run; deny the waiting ones
 * with the reason (Dust hears it); stop every server, which deregisters it from Dust while the
 * tokens still work; only then delete the tokens. Deleting the tokens first (as before) left
 * every registration behind at Dust, and signing in again added a second one per server.
 */
export async function signOutFully(deps: SignOutDeps): Promise<{ signedOut: boolean }> {
  const question = callsInFlight(deps);
  if (
    (question.waiting > 0 || question.running > 0) &&
    deps.confirm &&
    !(await deps.confirm(question))
  ) {
    return { signedOut: false };
  }
  deps.approvals.denyAllPending(SIGNED_OUT_REASON);
  await deps.auth.signOut(() => deps.runtime.settled());
  return { signedOut: true };
}

/** Waiting: calls in front of the person. Running: the other tools/call requests in flight. */
export function callsInFlight(deps: Pick<SignOutDeps, 'approvals' | 'servers'>): SignOutQuestion {
  const waiting = deps.approvals.pendingCount;
  const inFlight = deps.servers.runningCallCount();
  return { waiting, running: Math.max(0, inFlight - waiting) };
}

/** The question in words, for a native dialog: what signing out now would do to these calls. */
export function signOutQuestionWords(question: SignOutQuestion): {
  message: string;
  detail: string;
} {
  const parts: string[] = [];
  if (question.waiting > 0)
    parts.push(
      `${question.waiting} ${question.waiting === 1 ? 'tool call waits' : 'tool calls wait'} for your answer`,
    );
  if (question.running > 0)
    parts.push(
      `${question.running} ${question.running === 1 ? 'tool call is' : 'tool calls are'} running`,
    );
  const effects: string[] = [];
  if (question.waiting > 0)
    effects.push(
      question.waiting === 1 ? 'the waiting call is denied' : 'the waiting calls are denied',
    );
  if (question.running > 0)
    effects.push(
      question.running === 1
        ? 'the running call gets 10 s to finish'
        : 'the running calls get 10 s to finish',
    );
  return {
    message: `Sign out of Dust? ${capitalise(parts.join(' and '))}.`,
    detail: `If you sign out now, ${effects.join(' and ')}, then your servers are removed from Dust and your sign-in is deleted from this computer.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
