import { afterEach, describe, expect, it } from 'vitest';

import type { BridgeHost } from '../../core/bridge/bridge-host.js';
import { SettingsStore } from '../../core/settings/settings-store.js';
import { FakeClock } from '../../core/testing/fake-clock.js';
import { InMemoryFiles } from '../../core/testing/in-memory-files.js';
import { createServerControl } from './server-control.js';

const DIR = '/config';
const stores: SettingsStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.dispose()));

const server = (command: string) => ({ command, args: [], env: {} });

/** A bridge host with one running server, `a`, whose relay has `calls` calls in flight. */
function runningA(calls: number) {
  const restarts: string[] = [];
  const stopped: string[] = [];
  const bridge = {
    supervisor: {
      state: { kind: 'ready' },
      restart: () => (restarts.push('a'), Promise.resolve()),
    },
    connection: { state: { kind: 'streaming' } },
    relay: {
      pendingCallCount: calls,
      stopCall: (id: string) => (stopped.push(id), id === 'running'),
    },
  };
  const host = {
    get: (name: string) => (name === 'a' ? bridge : undefined),
    names: () => ['a'],
  } as unknown as BridgeHost;
  return { host, bridge, restarts, stopped };
}

async function setup(host: BridgeHost | undefined) {
  const settings = new SettingsStore(
    new InMemoryFiles({
      [`${DIR}/settings.json`]: JSON.stringify({ mcpServers: { a: server('a'), b: server('b') } }),
    }),
    new FakeClock(0),
    DIR,
  );
  await settings.load();
  stores.push(settings);
  return { settings, control: createServerControl({ runtime: { bridgeHost: host }, settings }) };
}

describe('ServerControl', () => {
  it('reports every configured server, with state machines only for the running ones', async () => {
    const { host, bridge } = runningA(0);
    const { control } = await setup(host);
    expect(control.running).toBe(true);
    expect(control.statuses().map(({ name, local, dust }) => ({ name, local, dust }))).toEqual([
      { name: 'a', local: bridge.supervisor, dust: bridge.connection },
      { name: 'b', local: undefined, dust: undefined },
    ]);
    expect(control.status('b')?.entry).toMatchObject({ command: 'b', enabled: true });
    expect(control.status('missing')).toBeUndefined();
    expect(control.status('constructor')).toBeUndefined();
  });

  it('restarts only a running server, and says whether it did', async () => {
    const { host, restarts } = runningA(0);
    const { control } = await setup(host);
    await expect(control.restart('a')).resolves.toBe(true);
    await expect(control.restart('b')).resolves.toBe(false);
    expect(restarts).toEqual(['a']);
  });

  it('switches one server or all of them in the settings, and refuses an unknown name in words', async () => {
    const { control, settings } = await setup(undefined);
    await control.setEnabled('b', false);
    expect(settings.settings.mcpServers['a']?.enabled).toBe(true);
    expect(settings.settings.mcpServers['b']?.enabled).toBe(false);
    await control.setAllEnabled(false);
    expect(Object.values(settings.settings.mcpServers).map((entry) => entry.enabled)).toEqual([
      false,
      false,
    ]);
    await expect(control.setEnabled('nope', true)).rejects.toMatchObject({
      code: 'not_found',
      message: 'There is no server named "nope".',
    });
    // A name that is a property of every object is still no server.
    await expect(control.setEnabled('constructor', true)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('counts calls in flight and stops one, with nothing running while signed out', async () => {
    const { host, stopped } = runningA(3);
    const { control } = await setup(host);
    expect(control.runningCallCount()).toBe(3);
    expect(control.stopCall('a', 'running')).toBe(true);
    expect(control.stopCall('a', 'finished')).toBe(false);
    expect(control.stopCall('b', 'running')).toBe(false);
    expect(stopped).toEqual(['running', 'finished']);

    const signedOut = (await setup(undefined)).control;
    expect(signedOut.running).toBe(false);
    expect(signedOut.runningCallCount()).toBe(0);
    await expect(signedOut.restart('a')).resolves.toBe(false);
  });
});
