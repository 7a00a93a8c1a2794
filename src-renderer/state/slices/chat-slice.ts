import type {
  AgentDto,
  ConversationDto,
  HistoryEntryDto,
} from '../../../src-main/shared/contract/chat';
import { errorWords } from '../errors';
import {
  applyConversation,
  type ConversationsState,
  initialConversations,
  isAnswering,
} from '../reducers/chat-reducer';
import { attachableServers } from '../selectors';
import { rememberAgent, rememberedAgent } from './remembered-agent';
import type { SliceContext } from './types';

/**
 * The composer's send, as a small machine: a second Enter while a message is on its way does
 * nothing, and a refusal keeps the text and says why until the next try.
 *
 *   idle ──send──▶ sending ──ok──▶ idle
 *                     └──refused──▶ failed{message} ──send──▶ sending
 */
export type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'failed'; message: string; code: string | undefined };

export interface ChatSlice {
  conversations: ConversationsState;
  /** `null` until the Ask view first opens: listing agents costs a Dust call. */
  /**
   * `null` until the Ask view opens; an error keeps its code (`unauthenticated` → "Sign in first").
   */
  agents:
    | { status: 'loading' }
    | { status: 'ready'; value: AgentDto[] }
    | { status: 'error'; message: string; code: string | undefined }
    | null;
  agentId: string | null;
  /** The conversation on screen; `null` is a new one. */
  activeConversationId: string | null;
  draft: string;
  /** Local servers to attach by name; `null` attaches every connected one (main decides which). */
  attached: string[] | null;
  send: SendState;
  /** Conversations started here in earlier runs too (main's list); `null` until the view opens. */
  history: HistoryEntryDto[] | null;
  /** A remembered conversation being read back from Dust, or why it could not be. */
  reopening: { conversationId: string; error?: string } | null;
  /** Per conversation: Stop was pressed and main has not answered yet, or it failed. */
  stopping: Record<string, 'sending' | { error: string }>;
  /** Per Dust-side action id: the answer is on its way, or failed. */
  dustAnswers: Record<string, 'sending' | { error: string }>;
  /**
   * The message box should take the focus when it next renders (tray item, global shortcut, New
   * conversation). A flag, not "focus on mount": a tab reached with the arrow keys keeps the focus.
   */
  composerFocusPending: boolean;
  composerFocused: () => void;
  loadAgents: () => Promise<void>;
  pickAgent: (agentId: string) => void;
  setDraft: (text: string) => void;
  setAttached: (names: string[] | null) => void;
  sendMessage: () => Promise<void>;
  stopAnswer: (conversationId: string) => Promise<void>;
  loadHistory: () => Promise<void>;
  /** Shows a conversation; one only remembered from an earlier run is read back from Dust first. */
  openConversation: (conversationId: string) => Promise<void>;
  newConversation: () => void;
  answerDustApproval: (
    conversationId: string,
    actionId: string,
    verdict: 'approve' | 'deny',
  ) => Promise<void>;
  openInDust: (conversationId: string) => Promise<string | null>;
  /**
   * The signed-in workspace (null when none). Main ends a workspace's conversations on sign-out
   * or a switch, so the window forgets them too, with the agents of the old workspace.
   */
  followWorkspace: (workspaceId: string | null) => void;
}

export function createChatSlice({ set, get, bridge }: SliceContext): ChatSlice {
  let workspace: string | null = null;
  const keep = (conversation: ConversationDto) =>
    set({ conversations: applyConversation(get().conversations, conversation) });
  const without = <V>(record: Record<string, V>, key: string) =>
    Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

  return {
    conversations: initialConversations,
    agents: null,
    agentId: null,
    activeConversationId: null,
    draft: '',
    attached: null,
    send: { kind: 'idle' },
    history: null,
    reopening: null,
    stopping: {},
    dustAnswers: {},
    composerFocusPending: false,
    composerFocused: () => set({ composerFocusPending: false }),

    async loadAgents() {
      // A list already shown stays while it refreshes: the composer must not blink out under the
      // caret.
      if (get().agents?.status !== 'ready') set({ agents: { status: 'loading' } });
      try {
        const agents = await bridge.chat.agents();
        const wanted = get().agentId ?? rememberedAgent();
        const agentId = agents.find((agent) => agent.sId === wanted)?.sId ?? agents[0]?.sId ?? null;
        set({ agents: { status: 'ready', value: agents }, agentId });
      } catch (error) {
        const { code, message } = errorWords(error);
        set({ agents: { status: 'error', message, code } });
      }
    },
    pickAgent(agentId) {
      rememberAgent(agentId);
      set({ agentId });
    },
    setDraft: (draft) =>
      set({ draft, send: get().send.kind === 'failed' ? { kind: 'idle' } : get().send }),
    setAttached: (attached) => set({ attached }),

    async sendMessage() {
      const { draft, agentId, attached, activeConversationId, send } = get();
      if (send.kind === 'sending') return;
      const active = activeConversationId
        ? get().conversations.byId[activeConversationId]
        : undefined;
      if (isAnswering(active)) return;
      if (draft.trim() === '')
        return set({
          send: { kind: 'failed', message: 'Write a message first.', code: undefined },
        });
      if (!agentId)
        return set({ send: { kind: 'failed', message: 'Pick an agent first.', code: undefined } });
      set({ send: { kind: 'sending' } });
      // Only servers still connected: one that dropped since it was ticked is no longer offered.
      const servers = get().servers;
      const connected = attachableServers(servers.status === 'ready' ? servers.value : []);
      const serverNames =
        attached === null
          ? {}
          : { serverNames: attached.filter((name) => connected.includes(name)) };
      try {
        const conversation = active
          ? await bridge.chat.followUp({
              conversationId: active.conversationId,
              text: draft,
              agentId,
              ...serverNames,
            })
          : await bridge.chat.ask({ agentId, text: draft, ...serverNames });
        keep(conversation);
        // Text typed while the message was on its way is the next message: keep it.
        set({
          send: { kind: 'idle' },
          activeConversationId: conversation.conversationId,
          draft: get().draft === draft ? '' : get().draft,
        });
      } catch (error) {
        const { code, message } = errorWords(error);
        set({ send: { kind: 'failed', message, code } });
      }
    },

    async stopAnswer(conversationId) {
      if (get().stopping[conversationId] === 'sending') return;
      set({ stopping: { ...get().stopping, [conversationId]: 'sending' } });
      try {
        await bridge.chat.stop(conversationId);
        set({ stopping: without(get().stopping, conversationId) });
      } catch (error) {
        set({
          stopping: { ...get().stopping, [conversationId]: { error: errorWords(error).message } },
        });
      }
    },

    async loadHistory() {
      try {
        set({ history: await bridge.chat.history() });
      } catch {
        // The list of this run's conversations still works; earlier ones just are not offered.
        set({ history: [] });
      }
    },

    async openConversation(conversationId) {
      const held = get().conversations.byId[conversationId];
      if (held)
        return set({
          activeConversationId: conversationId,
          agentId: held.agentId,
          send: { kind: 'idle' },
          reopening: null,
        });
      if (get().reopening?.conversationId === conversationId && !get().reopening?.error) return;
      set({ reopening: { conversationId } });
      try {
        const conversation = await bridge.chat.open(conversationId);
        keep(conversation);
        if (get().reopening?.conversationId !== conversationId) return;
        set({
          activeConversationId: conversationId,
          agentId: conversation.agentId,
          send: { kind: 'idle' },
          reopening: null,
        });
      } catch (error) {
        if (get().reopening?.conversationId === conversationId)
          set({ reopening: { conversationId, error: errorWords(error).message } });
      }
    },
    newConversation: () =>
      set({
        activeConversationId: null,
        send: { kind: 'idle' },
        reopening: null,
        composerFocusPending: true,
      }),

    async answerDustApproval(conversationId, actionId, verdict) {
      if (get().dustAnswers[actionId] === 'sending') return;
      set({ dustAnswers: { ...get().dustAnswers, [actionId]: 'sending' } });
      try {
        await bridge.chat.answerApproval({ conversationId, actionId, verdict });
        set({ dustAnswers: without(get().dustAnswers, actionId) });
      } catch (error) {
        set({
          dustAnswers: { ...get().dustAnswers, [actionId]: { error: errorWords(error).message } },
        });
      }
    },

    followWorkspace(workspaceId) {
      const was = workspace;
      workspace = workspaceId;
      if (was === null || was === workspaceId) return;
      set({
        conversations: { status: get().conversations.status, byId: {}, order: [] },
        activeConversationId: null,
        agents: null,
        agentId: null,
        history: null,
        reopening: null,
        send: { kind: 'idle' },
        stopping: {},
        dustAnswers: {},
      });
    },

    async openInDust(conversationId) {
      try {
        await bridge.chat.openInDust(conversationId);
        return null;
      } catch (error) {
        return errorWords(error).message;
      }
    },
  };
}
