import { afterEach, describe, expect, it } from 'vitest';

import { SettingsStore } from '../core/settings/settings-store.js';
import { FakeClock } from '../core/testing/fake-clock.js';
import { InMemoryFiles } from '../core/testing/in-memory-files.js';
import { AskShortcut, type GlobalShortcuts } from './ask-shortcut.js';

const DIR = '/config';
const disposables: Array<{ dispose(): void }> = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

/** The OS side: which shortcuts are held, and by whom. */
class FakeDesktop implements GlobalShortcuts {
  readonly held = new Map<string, () => void>();
  constructor(readonly takenByOthers: string[] = []) {}
  register(accelerator: string, onPress: () => void): boolean {
    if (this.takenByOthers.includes(accelerator) || this.held.has(accelerator)) return false;
    this.held.set(accelerator, onPress);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
}

async function setup(desktop: GlobalShortcuts | undefined, settings: object = {}) {
  const store = new SettingsStore(
    new InMemoryFiles({ [`${DIR}/settings.json`]: JSON.stringify(settings) }),
    new FakeClock(0),
    DIR,
  );
  await store.load();
  const shortcut = new AskShortcut(store, desktop);
  disposables.push(shortcut, store);
  return { store, shortcut };
}

describe('AskShortcut', () => {
  it('registers the default shortcut, and a press fires onDidPress', async () => {
    const desktop = new FakeDesktop();
    const { shortcut } = await setup(desktop);
    let presses = 0;
    shortcut.onDidPress(() => presses++);
    expect(shortcut.state).toEqual({
      accelerator: 'CommandOrControl+Shift+Space',
      status: 'registered',
    });
    desktop.held.get('CommandOrControl+Shift+Space')!();
    expect(presses).toBe(1);
  });

  it('moves the registration when the setting changes, and releases the old keys', async () => {
    const desktop = new FakeDesktop();
    const { shortcut, store } = await setup(desktop);
    await expect(shortcut.set('ctrl+alt+j')).resolves.toEqual({
      accelerator: 'Control+Alt+J',
      status: 'registered',
    });
    expect([...desktop.held.keys()]).toEqual(['Control+Alt+J']);
    expect(store.settings.ui.askShortcut).toBe('Control+Alt+J');
    await expect(shortcut.set(null)).resolves.toEqual({ accelerator: null, status: 'off' });
    expect(desktop.held.size).toBe(0);
  });

  it('says so when another app holds the keys, and refuses a bad shortcut without saving it', async () => {
    const desktop = new FakeDesktop(['Control+Alt+T']);
    const { shortcut, store } = await setup(desktop);
    await expect(shortcut.set('Ctrl+Alt+T')).resolves.toMatchObject({
      status: 'failed',
      message: expect.stringContaining('taken by the system or another app') as string,
    });
    await expect(shortcut.set('T')).rejects.toThrow(/Add Ctrl, Alt, Command or Super/);
    expect(store.settings.ui.askShortcut).toBe('Control+Alt+T');
  });

  it('is unavailable without a desktop, off when the settings say null, and lets go on dispose', async () => {
    expect((await setup(undefined)).shortcut.state.status).toBe('unavailable');
    expect((await setup(new FakeDesktop(), { ui: { askShortcut: null } })).shortcut.state).toEqual({
      accelerator: null,
      status: 'off',
    });
    const desktop = new FakeDesktop();
    const { shortcut } = await setup(desktop);
    shortcut.dispose();
    expect(desktop.held.size).toBe(0);
  });
});
