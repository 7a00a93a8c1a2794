import { type KeyboardEvent, useEffect, useRef } from 'react';

import type { AgentDto, ConversationDto } from '../../../src-main/shared/contract/chat';
import { isAnswering } from '../../state/reducers/chat-reducer';
import { useAppStore } from '../../state/store-context';
import { ServerChoice } from './ServerChoice';

interface Props {
  agents: AgentDto[];
  conversation: ConversationDto | undefined;
}

/**
 * Agent, message, servers, Send or Stop. Enter (or Ctrl/Cmd+Enter) sends, Shift+Enter is a new
 * line. A refused message stays in the box, with the reason above it.
 */
export function Composer({ agents, conversation }: Props) {
  const agentId = useAppStore((state) => state.agentId);
  const pickAgent = useAppStore((state) => state.pickAgent);
  const draft = useAppStore((state) => state.draft);
  const setDraft = useAppStore((state) => state.setDraft);
  const send = useAppStore((state) => state.send);
  const sendMessage = useAppStore((state) => state.sendMessage);
  const stopAnswer = useAppStore((state) => state.stopAnswer);
  const stopping = useAppStore((state) =>
    conversation ? state.stopping[conversation.conversationId] : undefined,
  );
  const focusPending = useAppStore((state) => state.composerFocusPending);
  const composerFocused = useAppStore((state) => state.composerFocused);
  const box = useRef<HTMLTextAreaElement>(null);
  const answering = isAnswering(conversation);
  const sending = send.kind === 'sending';

  useEffect(() => {
    if (!focusPending) return;
    box.current?.focus();
    composerFocused();
  }, [focusPending, composerFocused]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void sendMessage();
  };

  return (
    <form
      className="composer"
      aria-label="Ask an agent"
      onSubmit={(event) => {
        event.preventDefault();
        void sendMessage();
      }}
    >
      <label className="field inline">
        <span>Agent</span>
        <select
          value={agentId ?? ''}
          onChange={(event) => pickAgent(event.target.value)}
          disabled={sending}
        >
          {agents.map((agent) => (
            <option key={agent.sId} value={agent.sId} title={agent.description}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      {send.kind === 'failed' && (
        <div className="error-text" role="alert" data-testid="send-error">
          {send.message}
        </div>
      )}
      <textarea
        ref={box}
        aria-label="Message"
        rows={3}
        maxLength={20_000}
        placeholder={conversation ? 'Reply…' : 'Ask the agent…'}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <ServerChoice />
      <div className="actions composer-actions">
        <button
          type="submit"
          className="button primary"
          disabled={sending || answering || draft.trim() === ''}
        >
          {sending ? 'Sending…' : 'Send'}
        </button>
        {answering && conversation && (
          <button
            type="button"
            className="button danger"
            disabled={stopping === 'sending'}
            onClick={() => void stopAnswer(conversation.conversationId)}
          >
            {stopping === 'sending' ? 'Stopping…' : 'Stop'}
          </button>
        )}
        {answering && (
          <span className="muted small">
            The agent is answering; you can reply when it is done.
          </span>
        )}
      </div>
      {typeof stopping === 'object' && (
        <p className="error-text" role="alert">
          Could not stop it: {stopping.error}
        </p>
      )}
    </form>
  );
}
