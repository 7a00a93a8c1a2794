/**
 * Writes a turn: keeps the agent-message record (content, chain of thought, actions, status)
 * and the message event log in step, and stays silent once the turn was cancelled.
 */
import { actionSuccess, agentError, type EventHead, messageSuccess, tokens } from './events.js';
import type { AgentActionJson, AgentMessageJson } from './model.js';
import { type AvailableTool, chunk } from './scripted-agents.js';
import type { TurnIo } from './turn.js';

/** Keeps the agent-message record and the event log in step. */
export class TurnWriter {
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

  newAction(
    target: AvailableTool,
    params: Record<string, unknown>,
    status: AgentActionJson['status'],
  ): AgentActionJson {
    const { id, sId } = this.io.newActionId();
    const now = this.io.now();
    const action: AgentActionJson = {
      id,
      sId,
      createdAt: now,
      updatedAt: now,
      mcpServerId: null,
      internalMCPServerName: null,
      toolName: target.tool.name,
      agentMessageId: this.message.agentMessageId,
      functionCallName: target.prefixedName,
      functionCallId: `call_${this.message.sId}_${id}`,
      status,
      params,
      step: 0,
      executionDurationMs: null,
      citationsAllocated: 0,
      output: null,
      generatedFiles: [],
      displayLabels: { running: `Running ${target.tool.name}`, done: `Ran ${target.tool.name}` },
    };
    this.message.actions.push(action);
    return action;
  }

  finishAction(
    action: AgentActionJson,
    status: AgentActionJson['status'],
    output: unknown[] | null,
  ): void {
    action.status = status;
    action.output = output;
    action.updatedAt = this.io.now();
    if (!this.io.isCancelled()) this.io.emit(actionSuccess(this.head(), action));
  }

  answer(step: number, text: string): void {
    if (this.io.isCancelled()) return;
    for (const part of chunk(text)) this.io.emit(tokens(this.head(), step, part, 'tokens'));
    Object.assign(this.message, {
      status: 'succeeded',
      content: text,
      completedTs: this.io.now(),
      rawContents: [{ step, content: text }],
    } satisfies Partial<AgentMessageJson>);
    this.io.emit(messageSuccess(this.head(), step, this.message, [`run_${this.message.sId}`]));
  }

  fail(step: number, code: string, message: string): void {
    if (this.io.isCancelled()) return;
    Object.assign(this.message, {
      status: 'failed',
      completedTs: this.io.now(),
      error: { code, message, metadata: null },
    } satisfies Partial<AgentMessageJson>);
    this.io.emit(agentError(this.head(), step, code, message));
  }
}
