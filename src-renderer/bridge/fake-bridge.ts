import type { AppInfo, FileProblemDto } from '../../src-main/shared/ipc-contract';
import type { WindowApi } from '../../src-main/shared/window-api';

type Groups = Omit<WindowApi, 'on' | 'app'>;

export interface FakeBridgeOptions {
  appInfo?: AppInfo;
  failWith?: string;
  /** What `app.fileProblems` answers (none by default). */
  fileProblems?: FileProblemDto[];
  /** Replace any method of any group, e.g. `{ approvals: { decide: async () => … } }`. */
  overrides?: { [G in keyof Groups]?: Partial<Groups[G]> };
}

/**
 * A scriptable in-memory bridge for component tests only; e2e uses the real core.
 *
 * Every method answers an empty, signed-out world unless overridden; `emit` plays a main-process
 * event to the listeners registered with `on`.
 */
export function createFakeBridge(
  options: FakeBridgeOptions = {},
): WindowApi & { emit(channel: string, message: unknown): void } {
  const listeners = new Map<string, Set<(message: never) => void>>();
  const snapshot = <T>(value: T) => Promise.resolve({ seq: 0, value });
  const done = () => Promise.resolve();
  const groups: Groups = {
    auth: {
      snapshot: () =>
        snapshot({ state: { kind: 'signed-out' as const }, region: { region: 'us' as const } }),
      setRegion: done,
      startSignIn: done,
      cancelSignIn: done,
      selectWorkspace: done,
      signOut: done,
      ...options.overrides?.auth,
    },
    servers: {
      snapshot: () => snapshot([]),
      setEnabled: done,
      restart: done,
      setToolEnabled: done,
      save: (input) => Promise.resolve({ name: input.name }),
      remove: done,
      get: (name) => Promise.reject(new Error(`There is no server named "${name}".`)),
      test: () => Promise.resolve({ ok: true, tools: [], stderrTail: [] }),
      ...options.overrides?.servers,
    },
    imports: {
      locations: () => Promise.resolve([]),
      preview: (input) =>
        Promise.resolve({
          planId: 'fake-plan',
          source: input.source,
          servers: [],
          rules: [],
          skipped: [],
          conflicts: [],
          notes: [],
        }),
      apply: () => Promise.resolve({ imported: [], skipped: [], movedSecrets: [], unfilled: [] }),
      exportServers: () =>
        Promise.resolve({ json: '{\n  "mcpServers": {}\n}\n', serverCount: 0, toFill: [] }),
      ...options.overrides?.imports,
    },
    rules: {
      list: () => Promise.resolve([]),
      set: done,
      remove: done,
      ...options.overrides?.rules,
    },
    approvals: {
      snapshot: () => snapshot([]),
      decide: () => Promise.resolve({ repeated: false }),
      ...options.overrides?.approvals,
    },
    elicitations: {
      snapshot: () => snapshot([]),
      answer: done,
      ...options.overrides?.elicitations,
    },
    grants: {
      list: () => Promise.resolve([]),
      revoke: done,
      revokeAll: done,
      ...options.overrides?.grants,
    },
    activity: {
      list: () => Promise.resolve([]),
      exportJsonl: () => Promise.resolve({ jsonl: '' }),
      ...options.overrides?.activity,
    },
    calls: { stop: done, ...options.overrides?.calls },
    settings: {
      get: () => Promise.resolve(fakeSettings),
      set: () => Promise.resolve(fakeSettings),
      ...options.overrides?.settings,
    },
    spaces: {
      list: () => Promise.resolve([]),
      serverViews: () => Promise.resolve([]),
      ...options.overrides?.spaces,
    },
    chat: {
      agents: () => Promise.resolve([]),
      snapshot: () => snapshot([]),
      ask: () => Promise.reject(new Error('Sign in to Dust and pick a workspace first.')),
      followUp: () => Promise.reject(new Error('This conversation was not started here.')),
      history: () => Promise.resolve([]),
      open: () => Promise.reject(new Error('This conversation was not started in this app.')),
      stop: done,
      answerApproval: done,
      openInDust: done,
      shortcut: () => Promise.resolve({ accelerator: null, status: 'unavailable' as const }),
      setShortcut: (accelerator) =>
        Promise.resolve({ accelerator, status: 'unavailable' as const }),
      ...options.overrides?.chat,
    },
  };
  return {
    app: {
      getInfo: () =>
        options.failWith
          ? Promise.reject(new Error(options.failWith))
          : Promise.resolve(options.appInfo ?? { name: 'Dust MCP Tray', version: '0.0.0-test' }),
      fileProblems: () => Promise.resolve(options.fileProblems ?? []),
      rendererReady: done,
    },
    ...groups,
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
    emit: (channel, message) => {
      for (const listener of listeners.get(channel) ?? []) listener(message as never);
    },
  };
}

/** What `settings:get` answers unless overridden. */
export const fakeSettings = {
  notifications: true,
  startAtLogin: { available: true, enabled: false },
  waitSeconds: 150,
  waitLimits: { min: 10, max: 165, dustSeconds: 180 },
  defaultDecision: 'deny' as const,
  region: { region: 'eu' as const, url: 'https://eu.dust.tt', editable: false },
  dataFolder: '/home/me/.config/Dust MCP Tray',
  logFiles: ['/home/me/.config/Dust MCP Tray/activity.jsonl'],
  settingsFile: '/home/me/.config/Dust MCP Tray/settings.json',
};
