import type { BridgeHost } from '../../core/bridge/bridge-host.js';
import { ChatApi, type SenderContext } from '../../core/chat/chat-api.js';
import { ConversationService, type LocalApprovals } from '../../core/chat/conversation-service.js';
import type { ConversationView } from '../../core/chat/conversation-state.js';
import { localServersOf } from '../../core/chat/local-servers.js';
import { senderFromMe } from '../../core/chat/sender.js';
import { fetchMe } from '../../core/dust/dust-api.js';
import type { AccessTokenSource, DustHttp } from '../../core/dust/dust-http.js';
import { Emitter } from '../../core/emitter.js';
import { Disposable, MutableDisposable } from '../../core/lifecycle.js';
import type { EventStreams, Logger, Random, Timers } from '../../core/ports.js';
import type { BridgeRuntime } from './bridge-runtime.js';
import type { ConversationHistory, HistoryEntry } from './conversation-history.js';

const PUBLISH_INTERVAL_MS = 40;

export interface ChatRuntimeDeps {
  runtime: BridgeRuntime;
  /** The same session the bridge uses, so a refresh is shared (single flight). */
  tokens: AccessTokenSource;
  streams: EventStreams;
  timers: Timers;
  random: Pick<Random, 'next'>;
  logger: Logger;
  userAgent: string;
  localApprovals: LocalApprovals;
  /** Remembers the conversations across restarts for "Recent". */
  history: ConversationHistory;
  /** The person's IANA time zone, which Dust checks (read by the entry point, not here). */
  timezone: () => string;
}

/**
 * "Ask an agent" for the signed-in workspace: one ConversationService per bridge host, so the
 * conversations see the same servers (and their current ids) the bridge registered. Signing out
 * or switching workspace ends the service and its conversations with it: they belong to the
 * workspace, and their streams need its token.
 */
export class ChatRuntime extends Disposable {
  private readonly current = this._register(new MutableDisposable<ConversationService>());
  private host: BridgeHost | undefined;
  private readonly _onDidChange = this._register(new Emitter<ConversationView>());
  /**
   * A conversation's new snapshot, in batches at most every PUBLISH_INTERVAL_MS: each snapshot is
   * the whole conversation, and one per streamed token would send a long answer across IPC
   * quadratically. The first change of a burst goes at once; then each conversation's latest.
   */
  readonly onDidChange = this._onDidChange.event;
  private readonly held = new Map<string, ConversationView>();
  private flushTimer: { dispose(): void } | undefined;

  constructor(private readonly deps: ChatRuntimeDeps) {
    super();
    this._register(deps.runtime.onDidChange(() => this.follow()));
    this.follow();
  }

  /** The service, or undefined while no workspace is signed in. */
  get service(): ConversationService | undefined {
    return this.current.value;
  }

  list(): ConversationView[] {
    return this.current.value?.list() ?? [];
  }

  /** This workspace's remembered conversations, newest first; empty while signed out. */
  history(): HistoryEntry[] {
    const workspaceId = this.deps.runtime.dust?.workspaceId;
    return workspaceId ? this.deps.history.list(workspaceId) : [];
  }

  private follow(): void {
    const host = this.deps.runtime.bridgeHost;
    const dust = this.deps.runtime.dust;
    if (host === this.host) return;
    this.host = host;
    this.held.clear();
    this.current.value = host && dust ? this.create(host, dust.http, dust.workspaceId) : undefined;
  }

  private create(host: BridgeHost, http: DustHttp, workspaceId: string): ConversationService {
    const { deps } = this;
    let sender: Promise<SenderContext> | undefined;
    const service = new ConversationService({
      api: new ChatApi(http, workspaceId),
      streams: deps.streams,
      tokens: deps.tokens,
      timers: deps.timers,
      random: deps.random,
      logger: deps.logger,
      userAgent: deps.userAgent,
      servers: localServersOf(host),
      // Read once per workspace; a failed read is retried by the next message.
      sender: () => {
        sender ??= fetchMe(http).then((me) => senderFromMe(me, deps.timezone()));
        sender.catch(() => (sender = undefined));
        return sender;
      },
      localApprovals: deps.localApprovals,
    });
    service.onDidChange((view) => {
      this.deps.history.record(workspaceId, view);
      this.publish(view);
    });
    return service;
  }

  private publish(view: ConversationView): void {
    if (this.flushTimer) {
      this.held.set(view.conversationId, view);
      return;
    }
    this._onDidChange.fire(view);
    this.flushTimer = this.deps.timers.setTimeout(() => this.flush(), PUBLISH_INTERVAL_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (this.held.size === 0) return;
    const views = [...this.held.values()];
    this.held.clear();
    views.forEach((view) => this._onDidChange.fire(view));
    this.flushTimer = this.deps.timers.setTimeout(() => this.flush(), PUBLISH_INTERVAL_MS);
  }

  override dispose(): void {
    this.flushTimer?.dispose();
    this.held.clear();
    super.dispose();
  }
}
