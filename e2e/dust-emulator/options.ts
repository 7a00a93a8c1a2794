/**
 * Emulator options and their defaults. Every duration Dust hard-codes is an option here, so tests
 * can shrink it, but the defaults are Dust's values (docs/protocol/client-side-mcp.md#ttl,
 * #timeouts).
 */
import type { HandshakeVariant } from './http/sse.js';
import type { Region } from './identity/jwt.js';

export interface AgentOptions {
  /**
   * `initialize` `protocolVersion` Dust's MCP SDK sends: its `LATEST_PROTOCOL_VERSION`, 2025-11-25.
   */
  readonly protocolVersion: string;
  /**
   * Versions the fake client accepts in the `initialize` answer: the SDK's
   * `SUPPORTED_PROTOCOL_VERSIONS`, as `Client.connect` checks.
   */
  readonly supportedProtocolVersions: readonly string[];
  /** `CLIENT_SIDE_CONNECT_TIMEOUT_MS`. */
  readonly initializeTimeoutMs: number;
  /** MCP SDK default request timeout for `tools/list`. */
  readonly listTimeoutMs: number;
  /** `DEFAULT_MCP_REQUEST_TIMEOUT_MS`. */
  readonly callTimeoutMs: number;
  /** `MCP_LIST_TOOLS_MAX_PAGES` (value unconfirmed). */
  readonly maxListPages: number;
  /** Reproduce the old bug: re-request the first page while `nextCursor` is set. */
  readonly legacyPagination: boolean;
}

export interface FaultSettings {
  /** Opening frame of every SSE stream. */
  handshake: HandshakeVariant;
  /** `MCP_EVENTS_TIMEOUT_MS`: close after this long without an event (60 000 for legacy mode). */
  idleCloseMs: number;
  /** `HISTORY_FETCH_COUNT`. */
  historyPageSize: number;
  /** Answer the v1 requests path with a 307 to `/api/sse/v1/…`. */
  redirectRequests307: boolean;
  /**
   * 413 `content_too_large` above this many body bytes on `/mcp/results`; null = no limit.
   * Dust's `MCP_RESULTS_MAX_SIZE_BYTES` is 16 MiB (front-api/routes/v1/w/[wId]/mcp/results.ts).
   */
  resultsBodyLimitBytes: number | null;
  /** 429 `rate_limit_error` above this many registrations per minute per user; null = off. */
  registerRateLimitPerMinute: number | null;
  /** `private`: heartbeat of an unknown server answers 200 `{"success":false}` instead of 404. */
  heartbeatVariant: 'public' | 'private';
  /** Log results with unknown ids loudly (stderr) in addition to counting them. */
  strictIds: boolean;
  /** Extra latency per endpoint name, in real milliseconds. */
  delaysMs: Record<string, number>;
  /**
   * Workspace-level refusals of `publicApiAuth` after authentication: `maintenance` → 503
   * `service_unavailable`; `api_disallowed` → 403 `workspace_can_use_product_required_error`.
   */
  workspaceMode: 'normal' | 'maintenance' | 'api_disallowed';
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The emulator only ever listens on 127.0.0.1. */
  readonly port?: number;
  readonly region?: Region;
  /** Access-token lifetime for WorkOS logins (AuthKit default 300 s). */
  readonly accessTokenLifetimeSeconds?: number;
  readonly workos?: {
    readonly clientId?: string;
    readonly deviceCodeExpiresInSeconds?: number;
    readonly intervalSeconds?: number;
    /** Defaults to `<emulator url>/device`. */
    readonly verificationUri?: string;
  };
  /** `MCP_SERVER_REGISTRATION_TTL_SECONDS`. */
  readonly registrationTtlSeconds?: number;
  /** Request-log history lifetime after the last publish (`EXPIRE 600`). */
  readonly eventLogTtlSeconds?: number;
  readonly agent?: Partial<AgentOptions>;
  readonly faults?: Partial<FaultSettings>;
  /** Diagnostics sink; defaults to silence (strict-id warnings still go to stderr). */
  readonly log?: (line: string) => void;
}

export interface ResolvedOptions {
  readonly port: number;
  readonly region: Region;
  readonly accessTokenLifetimeSeconds: number;
  readonly workos: {
    readonly clientId: string;
    readonly deviceCodeExpiresInSeconds: number;
    readonly intervalSeconds: number;
    readonly verificationUri: string | undefined;
  };
  readonly registrationTtlSeconds: number;
  readonly eventLogTtlSeconds: number;
  readonly agent: AgentOptions;
  readonly faults: FaultSettings;
  readonly log: (line: string) => void;
}

/** Dust CLI's production WorkOS client id (docs/protocol/sign-in.md#summary). */
export const DEFAULT_CLIENT_ID = 'client_01JGCT55T7FVDG9XF74925R1KT';

export function defaultFaultSettings(): FaultSettings {
  return {
    handshake: 'dust-handshake',
    idleCloseMs: 5 * 60_000,
    historyPageSize: 50,
    redirectRequests307: false,
    resultsBodyLimitBytes: 16 * 1024 * 1024,
    registerRateLimitPerMinute: 100,
    heartbeatVariant: 'public',
    strictIds: false,
    delaysMs: {},
    workspaceMode: 'normal',
  };
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    region: options.region ?? 'us-central1',
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 300,
    workos: {
      clientId: options.workos?.clientId ?? DEFAULT_CLIENT_ID,
      deviceCodeExpiresInSeconds: options.workos?.deviceCodeExpiresInSeconds ?? 300,
      intervalSeconds: options.workos?.intervalSeconds ?? 5,
      verificationUri: options.workos?.verificationUri,
    },
    registrationTtlSeconds: options.registrationTtlSeconds ?? 600,
    eventLogTtlSeconds: options.eventLogTtlSeconds ?? 600,
    agent: {
      protocolVersion: '2025-11-25',
      supportedProtocolVersions: [
        '2025-11-25',
        '2025-06-18',
        '2025-03-26',
        '2024-11-05',
        '2024-10-07',
      ],
      initializeTimeoutMs: 5_000,
      listTimeoutMs: 60_000,
      callTimeoutMs: 180_000,
      maxListPages: 20,
      legacyPagination: false,
      ...options.agent,
    },
    faults: { ...defaultFaultSettings(), ...options.faults },
    log: options.log ?? (() => undefined),
  };
}
