/**
 * Switches and failure injection for the conversation side (docs/protocol/emulator.md#chat-9,
 * #chat-10, #chat-11, #chat-19).
 *
 * One mutable object per emulator, changed through `/__emulator/conversations/faults`. Statuses on
 * the events GET (408/429/5xx) use the generic status injection (`control/fault-gate.ts`) with
 * endpoint `message-events`. Defaults reproduce Dust's current behaviour; every field is optional
 * in a PATCH so a test only names what it changes.
 */

export interface StreamCut {
  /** Close a message stream after writing this many events in one connection… */
  afterEvents?: number;
  /** …or right after writing an event of this type (e.g. `tool_approve_execution`). */
  afterType?: string;
  /** How many connections are cut before streams run normally again. */
  times: number;
}

export type ProgrammaticMode = 'ok' | 'no_credits' | 'spending_cap' | 'credits_exhausted';

export interface ConversationFaults {
  /** Write `data: done` before closing a message / conversation stream (current Dust: true). */
  doneSentinel: boolean;
  /** Legacy 60-s rule: close a message stream on the next event after this long (null = off). */
  messageStreamTimeoutMs: number | null;
  /** Idle close of the conversation stream (`TIMEOUT = 180000`). */
  conversationStreamIdleMs: number;
  /** `blocking:true` gives up after this long (`WAIT_FOR_AGENT_COMPLETION_TIMEOUT_MS`). */
  blockingTimeoutMs: number;
  /** Programmatic-usage gating for `origin:"api"` and keys. */
  programmatic: ProgrammaticMode;
  /**
   * A message to an agent still running in the conversation waits as `pending` (Dust's steering).
   */
  steering: boolean;
  /** Messages per actor per emulated minute before 403 `rate_limit_error` (null = Dust's 100). */
  messagesPerMinute: number | null;
  /** Every turn ends with this `agent_error` instead of running its script. */
  agentError: { code: string; message: string } | null;
  /** Listing fails for every client-side server (as after a 5-s initialize timeout). */
  failListing: boolean;
  /** Budget given to the agent client for `tools/call` (Dust: 180 s). */
  toolCallTimeoutMs: number;
  /**
   * Give up on an unanswered approval after this long with an `agent_error` (null = wait forever,
   * as Dust).
   */
  approvalTimeoutMs: number | null;
  /** Queued cuts of message streams. */
  streamCuts: StreamCut[];
}

export const DUST_MESSAGE_LIMIT_PER_MINUTE = 100;

export function defaultFaults(): ConversationFaults {
  return {
    doneSentinel: true,
    messageStreamTimeoutMs: null,
    conversationStreamIdleMs: 180_000,
    blockingTimeoutMs: 180_000,
    programmatic: 'ok',
    steering: true,
    messagesPerMinute: null,
    agentError: null,
    failListing: false,
    toolCallTimeoutMs: 180_000,
    approvalTimeoutMs: null,
    streamCuts: [],
  };
}

/** Takes the next queued stream cut for a new connection, if any. */
export function takeStreamCut(faults: ConversationFaults): StreamCut | null {
  const head = faults.streamCuts[0];
  if (head === undefined) return null;
  head.times -= 1;
  if (head.times <= 0) faults.streamCuts.shift();
  return { ...head };
}

/**
 * The answers Dust gives when programmatic usage is not allowed
 * (docs/protocol/conversations.md#create-conversation, #origin-api).
 */
export function programmaticRefusal(
  mode: ProgrammaticMode,
): { status: 429 | 403; type: string; message: string } | null {
  switch (mode) {
    case 'ok':
      return null;
    case 'no_credits':
      return {
        status: 429,
        type: 'rate_limit_error',
        message:
          'Your workspace has run out of credits. Please ask a workspace admin to purchase more credits for programmatic usage.',
      };
    case 'spending_cap':
      return {
        status: 429,
        type: 'rate_limit_error',
        message:
          'Your workspace has reached its programmatic monthly spending cap. Please ask a workspace admin to raise the cap.',
      };
    case 'credits_exhausted':
      return {
        status: 403,
        type: 'credits_exhausted',
        message: 'Your workspace has exhausted its programmatic usage credits.',
      };
  }
}
