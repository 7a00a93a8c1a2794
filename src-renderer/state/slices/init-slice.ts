import type {
  ApprovalsDeltaDto,
  PendingCallDto,
} from '../../../src-main/shared/contract/approvals';
import type { AuthSnapshotDto } from '../../../src-main/shared/contract/auth';
import type { ConversationDto } from '../../../src-main/shared/contract/chat';
import type {
  ElicitationsDeltaDto,
  PendingElicitationDto,
} from '../../../src-main/shared/contract/elicitations';
import type { ServerStatusDto } from '../../../src-main/shared/contract/servers';
import { syncStream } from '../../../src-main/shared/event-sync';
import type { EventChannel, EventMessage } from '../../../src-main/shared/ipc-contract';
import { errorWords } from '../errors';
import { mergeActivity } from '../reducers/activity-reducer';
import { applyApprovalsEvent, applyApprovalsSnapshot } from '../reducers/approvals-reducer';
import { applyConversation, applyConversationsSnapshot } from '../reducers/chat-reducer';
import type { InitSlice, SliceContext } from './types';

/**
 * Wires every stream: subscribe first, then snapshot, then replay
 * (ARCHITECTURE.md#snapshot-then-subscribe).
 *
 * Auth, servers and approvals have snapshot channels with a `seq`, so they go through
 * `syncStream`. Grants and activity are lists without one: their events are whole values (the
 * full grant list; the full, grown activity entry), so "an event that arrived during the fetch
 * wins" is enough to stay consistent.
 */
export function createInitSlice({ set, get, bridge }: SliceContext): InitSlice {
  let dispose: (() => void) | null = null;
  const on =
    <C extends EventChannel>(channel: C) =>
    (listener: (message: EventMessage<C>) => void) =>
      bridge.on(channel, listener);
  const fail = (error: unknown) => ({
    status: 'error' as const,
    message: errorWords(error).message,
  });

  function authChanged(value: AuthSnapshotDto) {
    set({ auth: { status: 'ready', value } });
    get().followWorkspace(value.state.kind === 'signed-in' ? value.state.workspaceId : null);
  }

  function start(): () => void {
    const stopNav = bridge.on('app:navigate', (message) => get().navigate(message.payload));
    const streams = [
      syncStream<AuthSnapshotDto, AuthSnapshotDto>({
        subscribe: on('auth:changed'),
        fetchSnapshot: () => bridge.auth.snapshot(),
        onSnapshot: (value) => authChanged(value),
        onEvent: (value) => authChanged(value),
        onError: (error) => set({ auth: fail(error) }),
      }),
      syncStream<ServerStatusDto[], ServerStatusDto[]>({
        subscribe: on('servers:changed'),
        fetchSnapshot: () => bridge.servers.snapshot(),
        onSnapshot: (value) => set({ servers: { status: 'ready', value } }),
        onEvent: (value) => set({ servers: { status: 'ready', value } }),
        onError: (error) => set({ servers: fail(error) }),
      }),
      syncStream<PendingCallDto[], ApprovalsDeltaDto>({
        subscribe: on('approvals:changed'),
        fetchSnapshot: () => bridge.approvals.snapshot(),
        onSnapshot: (value) => set({ approvals: applyApprovalsSnapshot(get().approvals, value) }),
        onEvent: (delta) =>
          set({ approvals: applyApprovalsEvent(get().approvals, delta, Date.now()) }),
        onError: (error) =>
          set({
            approvals: { ...get().approvals, status: 'error', message: errorWords(error).message },
          }),
      }),
      syncStream<PendingElicitationDto[], ElicitationsDeltaDto>({
        subscribe: on('elicitations:changed'),
        fetchSnapshot: () => bridge.elicitations.snapshot(),
        onSnapshot: (value) => get().applyElicitationsSnapshot(value),
        onEvent: (delta) => get().applyElicitationsEvent(delta),
        onError: () => get().applyElicitationsSnapshot([]),
      }),
      // The channel's seq finds gaps; each conversation's own seq orders its snapshots.
      syncStream<ConversationDto[], ConversationDto>({
        subscribe: on('chat:changed'),
        fetchSnapshot: () => bridge.chat.snapshot(),
        onSnapshot: (value) =>
          set({ conversations: applyConversationsSnapshot(get().conversations, value) }),
        onEvent: (conversation) =>
          set({ conversations: applyConversation(get().conversations, conversation) }),
        onError: (error) =>
          set({
            conversations: {
              ...get().conversations,
              status: 'error',
              message: errorWords(error).message,
            },
          }),
      }),
    ];
    let grantsEvents = 0;
    const stopGrants = bridge.on('grants:changed', (message) => {
      grantsEvents += 1;
      set({ grants: { status: 'ready', value: message.payload } });
    });
    const seenGrants = grantsEvents;
    bridge.grants.list().then(
      (value) => grantsEvents === seenGrants && set({ grants: { status: 'ready', value } }),
      (error: unknown) => grantsEvents === seenGrants && set({ grants: fail(error) }),
    );
    let rulesEvents = 0;
    const stopRules = bridge.on('rules:changed', (message) => {
      rulesEvents += 1;
      set({ rules: { status: 'ready', value: message.payload } });
    });
    bridge.rules.list().then(
      (value) => rulesEvents === 0 && set({ rules: { status: 'ready', value } }),
      (error: unknown) => rulesEvents === 0 && set({ rules: fail(error) }),
    );
    let buffered: Parameters<typeof mergeActivity>[1] | null = [];
    const stopActivity = bridge.on('activity:recorded', (message) => {
      if (buffered) buffered.push(message.payload);
      else {
        const current = get().activity;
        set({
          activity: {
            status: 'ready',
            value: mergeActivity(current.status === 'ready' ? current.value : [], [
              message.payload,
            ]),
          },
        });
      }
    });
    bridge.activity
      .list(500)
      .then(
        (value) =>
          set({ activity: { status: 'ready', value: mergeActivity(value, buffered ?? []) } }),
        (error: unknown) => set({ activity: fail(error) }),
      )
      .finally(() => (buffered = null));
    // Every listener is in place: main may now deliver what it held for this window.
    bridge.app.rendererReady().catch(() => undefined);
    return () => {
      stopNav();
      for (const stream of streams) stream.dispose();
      stopGrants();
      stopRules();
      stopActivity();
    };
  }

  return {
    init() {
      dispose?.();
      const mine = start();
      dispose = mine;
      return () => {
        mine();
        if (dispose === mine) dispose = null;
      };
    },
    retry() {
      set({
        auth: { status: 'loading' },
        servers: { status: 'loading' },
        grants: { status: 'loading' },
        rules: { status: 'loading' },
        activity: { status: 'loading' },
      });
      get().init();
    },
  };
}
