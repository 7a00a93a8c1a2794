/**
 * Helpers to run an emulator inside a test: `useEmulator()` starts a fresh one on port 0 before
 * each test and closes it after, and `api()` sends raw `fetch` requests the way Dust's SDK does
 * (`Authorization: Bearer`, `Content-Type: application/json`).
 */
import { afterEach, beforeEach } from 'vitest';

import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../server.js';

export interface ApiCall {
  /** Bearer token; default the seeded user's; null sends no Authorization header. */
  readonly token?: string | null;
  readonly body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly redirect?: 'follow' | 'manual' | 'error';
}

export interface TestEmulator extends RunningEmulator {
  /** `fetch` on a path of the emulator (absolute path, e.g. `/api/v1/me`). */
  api(method: string, path: string, call?: ApiCall): Promise<Response>;
  /** `/api/v1/w/<seeded workspace>` + suffix. */
  ws(suffix: string): string;
  /** Registers a server for a user (default Ada); returns its serverId. */
  register(serverName?: string, token?: string): Promise<string>;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator(options);
  const api = (method: string, path: string, call: ApiCall = {}): Promise<Response> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...call.headers };
    const token = call.token === undefined ? emulator.seeds.userToken : call.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    return fetch(`${emulator.url}${path}`, {
      method,
      headers,
      body,
      redirect: call.redirect ?? 'follow',
    });
  };
  const ws = (suffix: string): string => `/api/v1/w/${emulator.seeds.workspaceId}${suffix}`;
  return Object.assign(emulator, {
    api,
    ws,
    async register(serverName = 'my sidekick', token?: string): Promise<string> {
      const response = await api('POST', ws('/mcp/register'), {
        body: { serverName },
        token: token ?? emulator.seeds.userToken,
      });
      if (response.status !== 200)
        throw new Error(`register failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { serverId: string }).serverId;
    },
  });
}

/** A fresh emulator per test; read it through the returned getter. */
export function useEmulator(options: EmulatorOptions = {}): () => TestEmulator {
  let current: TestEmulator | undefined;
  beforeEach(async () => {
    current = await startTestEmulator(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useEmulator: no emulator running (outside a test?)');
    return current;
  };
}
