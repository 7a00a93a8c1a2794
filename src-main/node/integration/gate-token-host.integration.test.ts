import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import { TOKEN_HOST_KEY } from '../../core/auth/token-host.js';
import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY } from '../../core/auth/token-session.js';
import type { SecretStore } from '../../core/ports.js';
import { InMemorySecretStore } from '../../core/testing/in-memory-secret-store.js';
import { runHeadless } from '../../headless/run-headless.js';
import { createNodePorts } from '../create-node-ports.js';
import { KeyringSecretStore } from '../keyring-secret-store.js';
import { fixtureSpec } from '../test-fixtures/fixtures.js';
import { waitFor } from '../test-fixtures/wait-for.js';
import { startSession } from './fault-session.js';
import { useEmulatorSession } from './kits/emulator-session.js';

/**
 * The gate holds: "the token can be sent to another host". A compromised window changed the region
 * (or custom URL) while signed in; on the next start the Dust access token went to the new host.
 * Now the change is refused while signed in, and saved tokens are used only with the host they were
 * issued for. The keychain is the real one under scripts/with-secret-service.sh.
 */
const hasKeyring = process.env['DUST_TRAY_SECRET_SERVICE'] === 'gnome-keyring';

const env = useEmulatorSession();
let secrets: SecretStore;
/** Another "Dust": every request it gets, with its headers (it answers 404 to everything). */
let elsewhere: { server: Server; url: string; requests: IncomingHttpHeaders[] };

beforeEach(async () => {
  secrets = hasKeyring
    ? new KeyringSecretStore(`dust-mcp-tray-host-${randomBytes(6).toString('hex')}`)
    : new InMemorySecretStore();
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    requests.push(request.headers);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  env.onClose(() => new Promise((resolve) => server.close(resolve)));
  elsewhere = {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
  };
  env.onClose(async () => {
    for (const key of [ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, TOKEN_HOST_KEY])
      await secrets.delete(key).catch(() => undefined);
  });
});

const dust = (customUrl: string) => ({
  dust: {
    region: 'custom',
    customUrl,
    authBaseUrl: env.emulator.url,
    workosClientId: env.emulator.seeds.workosClientId,
  },
});

describe('the Dust token stays with the host it was issued for', () => {
  it('auth:setRegion is refused in words while signed in, and the settings keep the old host', async () => {
    const session = await env.start({ servers: {}, secrets });
    expect(session.app.auth.state.kind).toBe('signed-in');
    for (const change of [{ region: 'custom', customUrl: elsewhere.url }, { region: 'eu' }]) {
      expect(await session.invoke('auth:setRegion', change)).toEqual({
        ok: false,
        error: {
          code: 'forbidden',
          message:
            'Sign out first: changing the region or URL while signed in would send your Dust sign-in to another address.',
        },
      });
    }
    const saved = JSON.parse(readFileSync(join(session.dataDir, 'settings.json'), 'utf8')) as {
      dust: { customUrl: string };
    };
    expect(saved.dust.customUrl).toBe(env.emulator.url);
    // Signed out, the change is the person's to make.
    expect(await session.invoke('auth:signOut', undefined)).toMatchObject({ ok: true });
    expect(await session.invoke('auth:setRegion', { region: 'eu' })).toMatchObject({ ok: true });
  });

  it('a host changed behind its back (settings edited) gets no token at the next start; setting it back signs in again', async () => {
    const first = await startSession(env.emulator, { servers: {}, secrets });
    expect(first.app.auth.state.kind).toBe('signed-in');
    const token = await secrets.get(ACCESS_TOKEN_KEY);
    expect(await secrets.get(TOKEN_HOST_KEY)).toBe(new URL(env.emulator.url).origin);
    await first.close();

    const session = await env.start({
      servers: {},
      secrets,
      dataDir: first.dataDir,
      signIn: false,
      settings: dust(elsewhere.url),
    });
    expect(session.app.auth.state).toEqual({
      kind: 'signed-out',
      message: `Your saved Dust sign-in is for ${new URL(env.emulator.url).origin}, but the app is now set to ${elsewhere.url}, so it was not used there. Sign in again for the new address, or set the region back.`,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      elsewhere.requests.filter((headers) => JSON.stringify(headers).includes(token!)),
    ).toEqual([]);
    expect(elsewhere.requests).toEqual([]);

    // The person sets the address back: the saved sign-in is used again, where it belongs.
    expect(
      await session.invoke('auth:setRegion', { region: 'custom', customUrl: env.emulator.url }),
    ).toMatchObject({ ok: true });
    await waitFor('signed in again', () =>
      session.app.auth.state.kind === 'signed-in' ? true : undefined,
    );
    // The sign-in panel asks for a sign-in right after the region: there is nothing more to do.
    expect(await session.invoke('auth:startSignIn', undefined)).toMatchObject({ ok: true });
    expect(session.app.auth.state.kind).toBe('signed-in');
  });

  it('tokens saved before hosts were remembered are bound to the host they have been going to', async () => {
    const first = await startSession(env.emulator, { servers: {}, secrets });
    await first.close();
    await secrets.delete(TOKEN_HOST_KEY);
    const session = await env.start({
      servers: {},
      secrets,
      dataDir: first.dataDir,
      signIn: false,
    });
    expect(session.app.auth.state.kind).toBe('signed-in');
    expect(await secrets.get(TOKEN_HOST_KEY)).toBe(new URL(env.emulator.url).origin);
  });

  it('headless mode does not send the desktop sign-in to another --dust-url', async () => {
    const first = await startSession(env.emulator, { servers: {}, secrets });
    await first.close();
    const dir = mkdtempSync(join(tmpdir(), 'dust-headless-host-'));
    writeFileSync(
      join(dir, 'servers.json'),
      JSON.stringify({ mcpServers: { fx: fixtureSpec('fixture-server.mjs') } }),
    );
    const lines: unknown[] = [];
    const run = runHeadless(
      {
        dustUrl: elsewhere.url,
        workspaceId: env.emulator.seeds.workspaceId,
        serversFile: join(dir, 'servers.json'),
        rules: [],
        statusFile: undefined,
        signedOutTimeoutMs: 60_000,
      },
      {
        env: {},
        writeLine: (line) => lines.push(line),
        readFile: (path) => readFile(path, 'utf8'),
      },
      { ...createNodePorts(), secrets, logger: { log: () => undefined } },
      '0.0.0-test',
    );
    await expect(run).rejects.toThrow(
      `Your saved Dust sign-in is for ${new URL(env.emulator.url).origin}, but the app is now set to ${elsewhere.url}, so it was not used there.`,
    );
    expect(elsewhere.requests).toEqual([]);
  });
});
