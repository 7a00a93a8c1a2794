/**
 * One agent turn, scripted: the order of events a real Dust run produces.
 *
 * Tool-calling turn (docs/protocol/emulator.md#chat-12 … #chat-16):
 *
 *   step 0  list tools on each client-side server (new MCP client each)
 *           → generation_tokens(chain_of_thought) → tool_call_started
 *           → tool_params(blocked_validation_required) → tool_approve_execution ── pause ──┐
 *                                                                validate-action ◀─────────┘
 *           → tools/call on a NEW client (unless rejected) → agent_action_success
 *   step 1  generation_tokens(tokens) × n → agent_message_success
 *
 * Several calls in one step (`{"calls":[…]}`): every tool_call_started, then every tool_params,
 * then one approval each (only the last has `isLastBlockingEventForStep: true`); approved calls
 * run in parallel, each on its own new MCP client.
 *
 * I/O comes through `TurnIo`, so the runner knows nothing about HTTP, logs or the registry.
 */
import type { AgentBehaviour } from '../catalogue/agent-configurations.js';
import { type AgentEvent, type EventHead, toolCallStarted, toolParams } from './events.js';
import type { AgentActionJson, AgentMessageJson } from './model.js';
import {
  type AvailableTool,
  contentToText,
  findTool,
  type ListedTool,
  listingErrorText,
  NO_SERVER_ANSWER,
  NO_TOOLS_ANSWER,
  parseToolRequests,
  REJECTED_TEXT,
  type ToolRequest,
} from './scripted-agents.js';
import { TurnWriter } from './turn-writer.js';

export interface AttachedServer {
  serverId: string;
  serverName: string;
}

export type ListOutcome = { ok: true; tools: ListedTool[] } | { ok: false; error: string };
export type CallOutcome =
  { ok: true; content: unknown[]; isError: boolean } | { ok: false; error: string };
export type Decision = 'approved' | 'rejected' | 'always_approved' | 'cancelled' | 'timeout';

export interface TurnIo {
  now(): number;
  /** Appends to the message log (and so to every reader); a no-op once the turn was cancelled. */
  emit(event: AgentEvent): void;
  listTools(server: AttachedServer): Promise<ListOutcome>;
  callTool(
    server: AttachedServer,
    name: string,
    args: Record<string, unknown>,
    progressToken: number,
  ): Promise<CallOutcome>;
  /** Whether (user, base server id, tool) was `always_approved` before. */
  isAlwaysApproved(serverId: string, toolName: string): boolean;
  /** Publishes nothing itself; resolves when `validate-action`, cancel or a timeout decides. */
  waitForApproval(
    action: AgentActionJson,
    server: AttachedServer,
    isLastBlockingEventForStep: boolean,
  ): Promise<Decision>;
  isCancelled(): boolean;
  newActionId(): { id: number; sId: string };
}

export interface TurnInput {
  behaviour: AgentBehaviour;
  content: string;
  servers: AttachedServer[];
  skipToolsValidation: boolean;
  forcedError: { code: string; message: string } | null;
  message: AgentMessageJson;
}

export async function runTurn(input: TurnInput, io: TurnIo): Promise<void> {
  const head = (): EventHead => ({
    created: io.now(),
    configurationId: input.message.configuration.sId,
    messageId: input.message.sId,
  });
  const turn = new TurnWriter(input.message, io, head);
  const { behaviour } = input;
  if (input.forcedError) return turn.fail(0, input.forcedError.code, input.forcedError.message);
  switch (behaviour.kind) {
    case 'failing':
      return turn.fail(
        0,
        behaviour.code ?? 'emulator_scripted_failure',
        behaviour.message ?? 'The scripted agent "failing" always fails.',
      );
    case 'no-tools':
      return turn.answer(0, behaviour.answer ?? NO_TOOLS_ANSWER);
    case 'auto':
    case 'local-tool-caller': {
      const requests: ToolRequest[] | null =
        parseToolRequests(input.content) ??
        (behaviour.kind === 'local-tool-caller'
          ? [
              {
                ...(behaviour.tool === undefined ? {} : { tool: behaviour.tool }),
                arguments: behaviour.arguments ?? {},
              },
            ]
          : null);
      if (input.servers.length === 0) {
        return turn.answer(0, requests === null ? NO_TOOLS_ANSWER : NO_SERVER_ANSWER);
      }
      return toolTurn(input, io, turn, requests);
    }
  }
}

async function toolTurn(
  input: TurnInput,
  io: TurnIo,
  turn: TurnWriter,
  requests: ToolRequest[] | null,
): Promise<void> {
  const tools: AvailableTool[] = [];
  const notes: string[] = [];
  for (const server of input.servers) {
    const listed = await io.listTools(server);
    if (io.isCancelled()) return;
    if (listed.ok)
      tools.push(
        ...listed.tools.map((tool) => ({ ...server, tool, prefixedName: tool.prefixedName })),
      );
    else notes.push(listingErrorText(server.serverName));
  }
  const preamble = notes.length > 0 ? `${notes.join(' ')}\n\n` : '';
  if (requests === null) {
    const names = tools.map((t) => t.prefixedName);
    const list =
      names.length > 0
        ? `I can use these tools: ${names.join(', ')}.`
        : 'I have no tools available.';
    return turn.answer(0, `${preamble}${list}`);
  }
  const missing = requests
    .filter((request) => findTool(tools, request.tool) === undefined)
    .map(notFoundText);
  const found = requests.flatMap((request) => {
    const target = findTool(tools, request.tool);
    return target === undefined ? [] : [{ request, target }];
  });
  if (found.length === 0)
    return turn.answer(0, `${preamble}${missing.join(' ')}, so I answered without tools.`);
  const plan = found.map(
    (f) => `${f.target.prefixedName} with ${JSON.stringify(f.request.arguments)}`,
  );
  turn.thought(0, `I will call ${plan.join(', and ')}.`);
  // The model streams every call of the step, then each action row exists, then approvals.
  found.forEach((f, index) => {
    io.emit(
      toolCallStarted(
        turn.head(),
        0,
        f.target.prefixedName,
        `call_${input.message.sId}_${index}`,
        index,
      ),
    );
  });
  const planned = found.map((f) => {
    const needsApproval =
      !input.skipToolsValidation && !io.isAlwaysApproved(f.target.serverId, f.target.tool.name);
    const action = turn.newAction(
      f.target,
      f.request.arguments,
      needsApproval ? 'blocked_validation_required' : 'running',
    );
    io.emit(toolParams(turn.head(), action));
    return {
      ...f,
      action,
      needsApproval,
      server: { serverId: f.target.serverId, serverName: f.target.serverName },
    };
  });
  const blocking = planned.filter((p) => p.needsApproval);
  const decisions = await Promise.all(
    blocking.map((p, i) => io.waitForApproval(p.action, p.server, i === blocking.length - 1)),
  );
  if (io.isCancelled() || decisions.includes('cancelled')) return;
  if (decisions.includes('timeout'))
    return turn.fail(0, 'tool_approval_timeout', 'The tool approval was never answered.');
  const texts = await Promise.all(
    planned.map(async (p) => {
      if (p.needsApproval && decisions[blocking.indexOf(p)] === 'rejected') {
        turn.finishAction(p.action, 'denied', null);
        return REJECTED_TEXT;
      }
      p.action.status = 'running';
      const started = io.now();
      const outcome = await io.callTool(
        p.server,
        p.target.tool.name,
        p.request.arguments,
        p.action.id,
      );
      p.action.executionDurationMs = io.now() - started;
      const name = p.target.tool.name;
      if (!outcome.ok) {
        turn.finishAction(p.action, 'errored', [{ type: 'text', text: outcome.error }]);
        return `The tool ${name} failed: ${outcome.error}`;
      }
      turn.finishAction(p.action, 'succeeded', outcome.content);
      const lead = outcome.isError
        ? `The tool ${name} reported an error:`
        : `The tool ${name} returned:`;
      return `${lead}\n${contentToText(outcome.content)}`;
    }),
  );
  if (io.isCancelled()) return;
  const unknown = missing.length > 0 ? `${missing.join(' ')}.\n\n` : '';
  return turn.answer(1, `${preamble}${unknown}${texts.join('\n\n')}`);
}

function notFoundText(request: ToolRequest): string {
  return `I could not find ${request.tool === undefined ? 'any tool' : `a tool named "${request.tool}"`}`;
}
