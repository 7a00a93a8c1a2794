import { afterEach, describe, expect, it } from 'vitest';

import { FakeClock } from '../testing/fake-clock.js';
import { InMemoryFiles } from '../testing/in-memory-files.js';
import { defaultSettings, type Settings } from './schema.js';
import { SettingsError, type SettingsLoadState, SettingsStore } from './settings-store.js';

const DIR = '/config/dust-mcp-tray';
const FILE = `${DIR}/settings.json`;
const START = Date.UTC(2026, 10, 25, 9, 30, 0, 123);
const BACKUP = `${DIR}/settings.corrupt-2026-11-25T09-30-00-123Z.json`;

const stores: SettingsStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.dispose();
});

function setup(initial: Record<string, string> = {}): {
  files: InMemoryFiles;
  store: SettingsStore;
  states: SettingsLoadState[];
  changes: Settings[];
} {
  const files = new InMemoryFiles(initial);
  const store = new SettingsStore(files, new FakeClock(START), DIR);
  stores.push(store);
  const states: SettingsLoadState[] = [];
  const changes: Settings[] = [];
  store.onDidChangeLoadState((state) => states.push(state));
  store.onDidChange((settings) => changes.push(settings));
  return { files, store, states, changes };
}

const withServer = (settings: Settings, name: string): Settings => ({
  ...settings,
  mcpServers: {
    ...settings.mcpServers,
    [name]: { command: 'node', args: [], env: {}, enabled: true, trusted: false },
  },
});

describe('SettingsStore', () => {
  it('runs on defaults when the file is missing, and writes nothing', async () => {
    const { files, store, states } = setup();
    expect(await store.load()).toEqual(defaultSettings());
    expect(states).toEqual([{ kind: 'missing' }]);
    expect(files.paths()).toEqual([]);
  });

  it('loads a valid file and fills defaults', async () => {
    const { store, states } = setup({
      [FILE]: '{"mcpServers": {"git": {"command": "uvx", "args": ["mcp-server-git"]}}}',
    });
    const settings = await store.load();
    expect(settings.mcpServers['git']?.enabled).toBe(true);
    expect(states).toEqual([{ kind: 'loaded' }]);
  });

  it.each([
    ['bad JSON', '{"mcpServers": ', /not valid JSON/],
    ['wrong types', '{"mcpServers": {"git": {"command": ["git"]}}}', /mcpServers\.git\.command/],
    ['an unknown version', '{"version": 7, "mcpServers": {}}', /version 7, written by a newer/],
  ])(
    'moves a file with %s aside, reports why and where, and continues on defaults',
    async (_label, text, reason) => {
      const { files, store, states } = setup({ [FILE]: text });
      expect(await store.load()).toEqual(defaultSettings());
      expect(files.peek(FILE)).toBeUndefined();
      expect(files.peek(BACKUP)).toBe(text);
      expect(states).toHaveLength(1);
      const state = states[0];
      expect(state?.kind).toBe('recovered');
      if (state?.kind !== 'recovered') return;
      expect(state.backupPath).toBe(BACKUP);
      expect(state.problem).toMatch(reason);
      expect(files.calls.filter((call) => call.operation === 'writeTextAtomic')).toEqual([]);
    },
  );

  it('never reuses an existing backup name', async () => {
    const { files, store } = setup({ [FILE]: 'nope', [BACKUP]: 'older backup' });
    await store.load();
    expect(files.peek(BACKUP)).toBe('older backup');
    expect(files.peek(`${DIR}/settings.corrupt-2026-11-25T09-30-00-123Z-2.json`)).toBe('nope');
  });

  it('refuses to save over a corrupt file it could not move aside', async () => {
    const { files, store, states } = setup({ [FILE]: '{oops' });
    files.failNext('rename', new Error('EPERM: operation not permitted'));
    await store.load();
    expect(states[0]).toMatchObject({ kind: 'blocked', reason: 'EPERM: operation not permitted' });
    await expect(store.save(withServer(store.settings, 'git'))).rejects.toThrow(
      /could not be read or moved aside \(EPERM/,
    );
    expect(files.peek(FILE)).toBe('{oops');
  });

  it('treats an unreadable file as blocked: defaults, reported, never overwritten', async () => {
    const { files, store, states } = setup({ [FILE]: '{"mcpServers": {}}' });
    files.failNext('readText', new Error('EACCES: permission denied'));
    await store.load();
    expect(states).toEqual([
      {
        kind: 'blocked',
        problem: 'The settings file could not be read (EACCES: permission denied).',
        details: [],
        reason: 'EACCES: permission denied',
      },
    ]);
    await expect(store.update((s) => withServer(s, 'git'))).rejects.toThrow(/EACCES/);
    expect(files.peek(FILE)).toBe('{"mcpServers": {}}');
    await store.load();
    expect(store.loadState).toEqual({ kind: 'loaded' });
  });

  it('saves atomically, pretty-printed, and announces the change', async () => {
    const { files, store, changes } = setup();
    await store.load();
    const saved = await store.save(withServer(store.settings, 'git'));
    expect(files.calls.at(-1)).toEqual({ operation: 'writeTextAtomic', path: FILE });
    expect(JSON.parse(files.peek(FILE) ?? '')).toEqual(saved);
    expect(files.peek(FILE)).toMatch(/^{\n {2}"version": 1,/);
    expect(changes.at(-1)).toEqual(saved);
  });

  it('rejects invalid settings with the path and leaves the file alone', async () => {
    const { files, store } = setup({ [FILE]: '{}' });
    await store.load();
    const bad = { ...store.settings, approvals: { defaultDeadlineSeconds: 999, notify: true } };
    const error = await store.save(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).message).toMatch(/approvals\.defaultDeadlineSeconds/);
    expect(files.peek(FILE)).toBe('{}');
  });

  it('serialises concurrent updates so none is lost', async () => {
    const { store } = setup();
    await store.load();
    await Promise.all([
      store.update((s) => withServer(s, 'one')),
      store.update((s) => withServer(s, 'two')),
      store.update((s) => withServer(s, 'three')),
    ]);
    expect(Object.keys(store.settings.mcpServers).sort()).toEqual(['one', 'three', 'two']);
  });

  it('keeps the old settings when the write fails', async () => {
    const { files, store } = setup({ [FILE]: '{}' });
    await store.load();
    files.failNext('writeTextAtomic', new Error('ENOSPC'));
    await expect(store.update((s) => withServer(s, 'git'))).rejects.toThrow('ENOSPC');
    expect(store.settings.mcpServers).toEqual({});
    await store.update((s) => withServer(s, 'git'));
    expect(Object.keys(store.settings.mcpServers)).toEqual(['git']);
  });

  it('keeps reporting the recovery after a save, so the user still sees the backup path', async () => {
    const { store } = setup({ [FILE]: 'garbage' });
    await store.load();
    await store.save(withServer(store.settings, 'git'));
    expect(store.loadState).toMatchObject({ kind: 'recovered', backupPath: BACKUP });
  });

  it('stops announcing after dispose', async () => {
    const { store, changes } = setup();
    store.dispose();
    await store.load();
    expect(changes).toEqual([]);
  });
});
