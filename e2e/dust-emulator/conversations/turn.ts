/**
 * One agent turn, scripted: the order of events a real Dust run produces.
 *
 * Tool-calling turn (dust-conversations-auth.md §4 points 12–16):
 *
 *   step 0  list tools on each client-side server (new MCP client each)
 *           → generation_tokens(chain_of_thought) → tool_call_started
 *           → tool_params(blocked_validation_required) → tool_approve_execution ── pause ──┐
 *                                                                validate-action ◀─────────┘
 *           → tools/call on a NEW client (unless rejected) → agent_action_success
 *   step 1  generation_tokens(tokens) × n → agent_message_success
 *
 * I/O comes through `TurnIo`, so the runner knows nothing about HTTP, logs or the registry.
 */
import type { AgentBehaviour } from '../catalogue/agent-configurations.js';
import { actionSuccess, agentError, type AgentEvent, type EventHead, messageSuccess, tokens, toolCallStarted, toolParams } from './events.js';
import type { AgentActionJson, AgentMessageJson } from './model.js';
import {
  type AvailableTool,
  chunk,
  contentToText,
  findTool,
  type ListedTool,
  listingErrorText,
  NO_TOOLS_ANSWER,
  parseToolRequest,
  REJECTED_TEXT,
  type ToolRequest,
} from './scripted-agents.js';

export interface AttachedServer {
  serverId: string;
  serverName: string;
}

export type ListOutcome = { ok: true; tools: ListedTool[] } | { ok: false; error: string };
export type CallOutcome = { ok: true; content: unknown[]; isError: boolean } | { ok: false; error: string };
export type Decision = 'approved' | 'rejected' | 'always_approved' | 'cancelled' | 'timeout';

export interface TurnIo {
  now(): number;
  /** Appends to the message log (and so to every reader); a no-op once the turn was cancelled. */
  emit(event: AgentEvent): void;
  listTools(server: AttachedServer): Promise<ListOutcome>;
  callTool(server: AttachedServer, name: string, args: Record<string, unknown>, progressToken: number): Promise<CallOutcome>;
  /** Whether (user, base server id, tool) was `always_approved` before. */
  isAlwaysApproved(serverId: string, toolName: string): boolean;
  /** Publishes nothing itself; resolves when `validate-action`, cancel or a timeout decides. */
  waitForApproval(action: AgentActionJson, server: AttachedServer): Promise<Decision>;
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
  const head = (): EventHead => ({ created: io.now(), configurationId: input.message.configuration.sId, messageId: input.message.sId });
  const turn = new TurnWriter(input.message, io, head);
  const { behaviour } = input;
  if (input.forcedError) return turn.fail(0, input.forcedError.code, input.forcedError.message);
  switch (behaviour.kind) {
    case 'failing':
      return turn.fail(0, behaviour.code ?? 'emulator_scripted_failure', behaviour.message ?? 'The scripted agent "failing" always fails.');
    case 'no-tools':
      return turn.answer(0, behaviour.answer ?? NO_TOOLS_ANSWER);
    case 'auto':
    case 'local-tool-caller': {
      const fromMessage = parseToolRequest(input.content);
      const request: ToolRequest | null =
        fromMessage ??
        (behaviour.kind === 'local-tool-caller'
          ? { ...(behaviour.tool === undefined ? {} : { tool: behaviour.tool }), arguments: behaviour.arguments ?? {} }
          : null);
      if (input.servers.length === 0) {
        return turn.answer(0, request === null ? NO_TOOLS_ANSWER : 'No client-side MCP server is attached to this message, so I cannot call any tool.');
      }
      return toolTurn(input, io, turn, request);
    }
  }
}

async function toolTurn(input: TurnInput, io: TurnIo, turn: TurnWriter, request: ToolRequest | null): Promise<void> {
  const tools: AvailableTool[] = [];
  const notes: string[] = [];
  for (const server of input.servers) {
    const listed = await io.listTools(server);
    if (io.isCancelled()) return;
    if (listed.ok) tools.push(...listed.tools.map((tool) => ({ ...server, tool, prefixedName: tool.prefixedName })));
    else notes.push(listingErrorText(server.serverName));
  }
  const preamble = notes.length > 0 ? `${notes.join(' ')}\n\n` : '';
  if (request === null) {
    const names = tools.map((t) => t.prefixedName);
    return turn.answer(0, `${preamble}${names.length > 0 ? `I can use these tools: ${names.join(', ')}.` : 'I have no tools available.'}`);
  }
  const target = findTool(tools, request.tool);
  if (target === undefined) {
    const wanted = request.tool === undefined ? 'any tool' : `a tool named "${request.tool}"`;
    return turn.answer(0, `${preamble}I could not find ${wanted}, so I answered without tools.`);
  }
  turn.thought(0, `I will call ${target.prefixedName} with ${JSON.stringify(request.arguments)}.`);
  io.emit(toolCallStarted(turn.head(), 0, target.prefixedName, `call_${input.message.sId}_0`));
  const needsApproval = !input.skipToolsValidation && !io.isAlwaysApproved(target.serverId, target.tool.name);
  const action = turn.newAction(target, request.arguments, needsApproval ? 'blocked_validation_required' : 'running');
  io.emit(toolParams(turn.head(), action));
  const server = { serverId: target.serverId, serverName: target.serverName };
  if (needsApproval) {
    const decision = await io.waitForApproval(action, server);
    if (decision === 'cancelled' || io.isCancelled()) return;
    if (decision === 'timeout') return turn.fail(0, 'tool_approval_timeout', 'The tool approval was never answered.');
    if (decision === 'rejected') {
      turn.finishAction(action, 'denied', null);
      return turn.answer(1, `${preamble}${REJECTED_TEXT}`);
    }
    action.status = 'running';
  }
  const started = io.now();
  const outcome = await io.callTool(server, target.tool.name, request.arguments, action.id);
  if (io.isCancelled()) return;
  action.executionDurationMs = io.now() - started;
  if (outcome.ok) {
    turn.finishAction(action, 'succeeded', outcome.content);
    const text = contentToText(outcome.content);
    const lead = outcome.isError ? `The tool ${target.tool.name} reported an error:` : `The tool ${target.tool.name} returned:`;
    return turn.answer(1, `${preamble}${lead}\n${text}`);
  }
  turn.finishAction(action, 'errored', [{ type: 'text', text: outcome.error }]);
  return turn.answer(1, `${preamble}The tool ${target.tool.name} failed: ${outcome.error}`);
}

/** Keeps the agent-message record and the event log in step. */
class TurnWriter {
  constructor(
    private readonly message: AgentMessageJson,
    private readonly io: TurnIo,
    readonly head: () => EventHead,
  ) {}

  thought(step: number, text: string): void {
    if (this.io.isCancelled()) return;
    this.message.chainOfThought = (this.message.chainOfThought ?? '') + text;
    this.io.emit(tokens(this.head(), step, text, 'chain_of_thought'));
  }

  newAction(target: AvailableTool, params: Record<string, unknown>, status: AgentActionJson['status']): AgentActionJson {
    const { id, sId } = this.io.newActionId();
    const now = this.io.now();
    const action: AgentActionJson = {
      id, sId, createdAt: now, updatedAt: now, mcpServerId: null, internalMCPServerName: null,
      toolName: target.tool.name, agentMessageId: this.message.agentMessageId, functionCallName: target.prefixedName,
      functionCallId: `call_${this.message.sId}_${id}`, status, params, step: 0, executionDurationMs: null,
      citationsAllocated: 0, output: null, generatedFiles: [],
      displayLabels: { running: `Running ${target.tool.name}`, done: `Ran ${target.tool.name}` },
    };
    this.message.actions.push(action);
    return action;
  }

  finishAction(action: AgentActionJson, status: AgentActionJson['status'], output: unknown[] | null): void {
    action.status = status;
    action.output = output;
    action.updatedAt = this.io.now();
    if (!this.io.isCancelled()) this.io.emit(actionSuccess(this.head(), action));
  }

  answer(step: number, text: string): void {
    if (this.io.isCancelled()) return;
    for (const part of chunk(text)) this.io.emit(tokens(this.head(), step, part, 'tokens'));
    Object.assign(this.message, {
      status: 'succeeded', content: text, completedTs: this.io.now(), rawContents: [{ step, content: text }],
    } satisfies Partial<AgentMessageJson>);
    this.io.emit(messageSuccess(this.head(), step, this.message, [`run_${this.message.sId}`]));
  }

  fail(step: number, code: string, message: string): void {
    if (this.io.isCancelled()) return;
    Object.assign(this.message, {
      status: 'failed', completedTs: this.io.now(), error: { code, message, metadata: null },
    } satisfies Partial<AgentMessageJson>);
    this.io.emit(agentError(this.head(), step, code, message));
  }
}
