import { isEventChannelName } from './event-names.js';
import type {
  EventChannel,
  EventMessage,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
} from './ipc-contract.js';
import { IpcCallError, type IpcResult } from './ipc-result.js';

/** Sends one invoke over whatever transport there is (Electron IPC, the harness WebSocket). */
export type InvokeTransport = (
  channel: InvokeChannel,
  input: unknown,
) => Promise<IpcResult<unknown>>;

/**
 * Subscribes to one event channel over the transport; the returned function unsubscribes.
 *
 * The transport hands over the message only (the preload strips Electron's `IpcRendererEvent`,
 * which would otherwise give the page a handle on `ipcRenderer` itself).
 */
export type ListenTransport = (
  channel: EventChannel,
  listener: (message: unknown) => void,
) => () => void;

export type EventListener<C extends EventChannel> = (message: EventMessage<C>) => void;

/**
 * The API the renderer sees as `window.api`: one named method per operation.
 *
 * There is deliberately no generic `invoke(channel)` escape hatch (Electron's context-isolation
 * guide gives exposing `ipcRenderer.send` as the example of what not to do). `on` is typed by the
 * contract and refuses channels it does not name.
 */
export interface WindowApi {
  app: {
    getInfo(): Promise<InvokeOutput<'app:getInfo'>>;
    /** Data files unreadable at start (settings, grants) and where they were kept. */
    fileProblems(): Promise<InvokeOutput<'app:fileProblems'>>;
    /** Call once the window's listeners are in place; main holds events for it until then. */
    rendererReady(): Promise<void>;
  };
  auth: {
    snapshot(): Promise<InvokeOutput<'auth:snapshot'>>;
    setRegion(input: InvokeInput<'auth:setRegion'>): Promise<void>;
    startSignIn(): Promise<void>;
    cancelSignIn(): Promise<void>;
    selectWorkspace(workspaceId: string): Promise<void>;
    signOut(): Promise<void>;
  };
  servers: {
    snapshot(): Promise<InvokeOutput<'servers:snapshot'>>;
    setEnabled(name: string, enabled: boolean): Promise<void>;
    restart(name: string): Promise<void>;
    setToolEnabled(name: string, tool: string, enabled: boolean): Promise<void>;
    save(input: InvokeInput<'servers:save'>): Promise<InvokeOutput<'servers:save'>>;
    remove(name: string): Promise<void>;
    get(name: string): Promise<InvokeOutput<'servers:get'>>;
    test(input: InvokeInput<'servers:test'>): Promise<InvokeOutput<'servers:test'>>;
  };
  /** Import from Claude Desktop, Cursor, VS Code, Cline/Roo: locations → preview → apply. */
  imports: {
    locations(): Promise<InvokeOutput<'import:locations'>>;
    preview(input: InvokeInput<'import:preview'>): Promise<InvokeOutput<'import:preview'>>;
    apply(input: InvokeInput<'import:apply'>): Promise<InvokeOutput<'import:apply'>>;
    /** The other direction: our servers as mcpServers JSON for another app. */
    exportServers(): Promise<InvokeOutput<'import:export'>>;
  };
  rules: {
    list(): Promise<InvokeOutput<'rules:list'>>;
    set(input: InvokeInput<'rules:set'>): Promise<void>;
    remove(input: InvokeInput<'rules:remove'>): Promise<void>;
  };
  approvals: {
    snapshot(): Promise<InvokeOutput<'approvals:snapshot'>>;
    decide(input: InvokeInput<'approvals:decide'>): Promise<InvokeOutput<'approvals:decide'>>;
  };
  elicitations: {
    snapshot(): Promise<InvokeOutput<'elicitations:snapshot'>>;
    answer(input: InvokeInput<'elicitations:answer'>): Promise<void>;
  };
  grants: {
    list(): Promise<InvokeOutput<'grants:list'>>;
    revoke(id: string): Promise<void>;
    revokeAll(): Promise<void>;
  };
  activity: {
    list(limit?: number): Promise<InvokeOutput<'activity:list'>>;
    exportJsonl(): Promise<InvokeOutput<'activity:exportJsonl'>>;
  };
  /** Calls running on local servers. */
  calls: {
    stop(input: InvokeInput<'calls:stop'>): Promise<void>;
  };
  settings: {
    get(): Promise<InvokeOutput<'settings:get'>>;
    set(change: InvokeInput<'settings:set'>): Promise<InvokeOutput<'settings:set'>>;
  };
  spaces: {
    list(): Promise<InvokeOutput<'spaces:list'>>;
    serverViews(spaceId: string): Promise<InvokeOutput<'spaces:serverViews'>>;
  };
  /** Ask an agent with the local servers attached. */
  chat: {
    agents(): Promise<InvokeOutput<'chat:agents'>>;
    snapshot(): Promise<InvokeOutput<'chat:snapshot'>>;
    ask(input: InvokeInput<'chat:ask'>): Promise<InvokeOutput<'chat:ask'>>;
    followUp(input: InvokeInput<'chat:followUp'>): Promise<InvokeOutput<'chat:followUp'>>;
    history(): Promise<InvokeOutput<'chat:history'>>;
    open(conversationId: string): Promise<InvokeOutput<'chat:open'>>;
    stop(conversationId: string): Promise<void>;
    answerApproval(input: InvokeInput<'chat:answerApproval'>): Promise<void>;
    openInDust(conversationId: string): Promise<void>;
    shortcut(): Promise<InvokeOutput<'chat:shortcut'>>;
    setShortcut(accelerator: string | null): Promise<InvokeOutput<'chat:setShortcut'>>;
  };
  on<C extends EventChannel>(event: C, listener: EventListener<C>): () => void;
}

/**
 * Builds the bridge from a transport; the preload and the harness both call this.
 *
 * Imports no zod (only types from the contract), so the sandboxed preload bundle stays small.
 */
export function createWindowApi(invoke: InvokeTransport, listen: ListenTransport): WindowApi {
  async function call<C extends InvokeChannel>(
    channel: C,
    input: InvokeInput<C>,
  ): Promise<InvokeOutput<C>> {
    const result = await invoke(channel, input);
    if (!result.ok) throw new IpcCallError(result.error.code, result.error.message);
    // The main side validated the output against the contract before sending it.
    return result.value as InvokeOutput<C>;
  }
  return {
    app: {
      getInfo: () => call('app:getInfo', undefined),
      fileProblems: () => call('app:fileProblems', undefined),
      rendererReady: () => call('app:rendererReady', undefined),
    },
    auth: {
      snapshot: () => call('auth:snapshot', undefined),
      setRegion: (input) => call('auth:setRegion', input),
      startSignIn: () => call('auth:startSignIn', undefined),
      cancelSignIn: () => call('auth:cancelSignIn', undefined),
      selectWorkspace: (workspaceId) => call('auth:selectWorkspace', { workspaceId }),
      signOut: () => call('auth:signOut', undefined),
    },
    servers: {
      snapshot: () => call('servers:snapshot', undefined),
      setEnabled: (name, enabled) => call('servers:setEnabled', { name, enabled }),
      restart: (name) => call('servers:restart', { name }),
      setToolEnabled: (name, tool, enabled) =>
        call('servers:setToolEnabled', { name, tool, enabled }),
      save: (input) => call('servers:save', input),
      remove: (name) => call('servers:remove', { name }),
      get: (name) => call('servers:get', { name }),
      test: (input) => call('servers:test', input),
    },
    imports: {
      locations: () => call('import:locations', undefined),
      preview: (input) => call('import:preview', input),
      apply: (input) => call('import:apply', input),
      exportServers: () => call('import:export', undefined),
    },
    rules: {
      list: () => call('rules:list', undefined),
      set: (input) => call('rules:set', input),
      remove: (input) => call('rules:remove', input),
    },
    approvals: {
      snapshot: () => call('approvals:snapshot', undefined),
      decide: (input) => call('approvals:decide', input),
    },
    elicitations: {
      snapshot: () => call('elicitations:snapshot', undefined),
      answer: (input) => call('elicitations:answer', input),
    },
    grants: {
      list: () => call('grants:list', undefined),
      revoke: (id) => call('grants:revoke', { id }),
      revokeAll: () => call('grants:revokeAll', undefined),
    },
    activity: {
      list: (limit) => call('activity:list', limit === undefined ? {} : { limit }),
      exportJsonl: () => call('activity:exportJsonl', undefined),
    },
    calls: {
      stop: (input) => call('calls:stop', input),
    },
    settings: {
      get: () => call('settings:get', undefined),
      set: (change) => call('settings:set', change),
    },
    spaces: {
      list: () => call('spaces:list', undefined),
      serverViews: (spaceId) => call('spaces:serverViews', { spaceId }),
    },
    chat: {
      agents: () => call('chat:agents', undefined),
      snapshot: () => call('chat:snapshot', undefined),
      ask: (input) => call('chat:ask', input),
      followUp: (input) => call('chat:followUp', input),
      history: () => call('chat:history', undefined),
      open: (conversationId) => call('chat:open', { conversationId }),
      stop: (conversationId) => call('chat:stop', { conversationId }),
      answerApproval: (input) => call('chat:answerApproval', input),
      openInDust: (conversationId) => call('chat:openInDust', { conversationId }),
      shortcut: () => call('chat:shortcut', undefined),
      setShortcut: (accelerator) => call('chat:setShortcut', { accelerator }),
    },
    on(event, listener) {
      // A page script could call this with any string; only contract channels are listened to.
      if (!isEventChannelName(event))
        throw new TypeError(`No such event: ${String(event).slice(0, 80)}`);
      // Main validated the payload against the contract before broadcasting it.
      return listen(event, (message) => listener(message as EventMessage<typeof event>));
    },
  } satisfies WindowApi;
}
