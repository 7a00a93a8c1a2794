import { DustApi } from '../dust/dust-api.js';
import { DustHttp } from '../dust/dust-http.js';
import { ResultPoster } from '../dust/result-poster.js';
import type { HttpClient } from '../ports.js';
import { BridgeHost, type BridgeHostDeps } from './bridge-host.js';

export interface BridgeHostSetup extends Omit<BridgeHostDeps, 'api' | 'poster'> {
  /** The Dust instance and workspace every bridged server registers with. */
  dust: { baseUrl: string; workspaceId: string };
  /** What Dust's requests (register, heartbeat, results) are sent through. */
  http: HttpClient;
}

export interface BuiltBridgeHost {
  host: BridgeHost;
  /** The workspace's Dust API, for what else talks to the same workspace (spaces, tests). */
  api: DustApi;
  /** The same Dust client, for the conversation API (the desktop app's Ask). */
  dustHttp: DustHttp;
}

/**
 * The one place the bridge graph is built: Dust's HTTP client with the caller's tokens, the
 * workspace API over it, the result poster (retries) over that, and the host that bridges each
 * server through the gate. The desktop app (per sign-in), headless mode and the integration
 * kit all call this; what differs between them is in `setup` (see each caller).
 */
export function createBridgeHost(setup: BridgeHostSetup): BuiltBridgeHost {
  const { dust, http, ...hostDeps } = setup;
  const dustHttp = new DustHttp(
    { baseUrl: dust.baseUrl, userAgent: setup.userAgent },
    setup.tokens,
    http,
    setup.clock,
  );
  const api = new DustApi(dustHttp, dust.workspaceId);
  const host = new BridgeHost({
    ...hostDeps,
    api,
    poster: new ResultPoster(api, setup.timers, setup.random),
  });
  return { host, api, dustHttp };
}
