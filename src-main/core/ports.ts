/**
 * The ports through which the pure core reaches the world.
 *
 * Node adapters in src-main/node implement them with real things (global fetch, the eventsource
 * package, child processes through the MCP SDK, @napi-rs/keyring, the file system); unit tests
 * use in-memory fakes from src-main/core/testing. Nothing in src-main/core may reach the world
 * any other way (lint enforces it).
 */
import type { CancellationToken } from './cancellation.js';
import type { Event } from './emitter.js';
import type { JsonRpcMessage } from './jsonrpc.js';
import type { IDisposable } from './lifecycle.js';

/** Wall-clock time (epoch ms) for deadlines shown to people, and a monotonic one for durations. */
export interface Clock {
  now(): number;
  monotonic(): number;
}

/** One-shot timers; heartbeats reschedule rather than use intervals, so there is no drift. */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): IDisposable;
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** Lowercase hex of `byteCount` random bytes (nonces, ids). */
  hex(byteCount: number): string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * A body in pieces (text, or bytes already UTF-8), sent one after the other (instead of `body`):
   * a large tool result goes out as the bytes its server wrote, with no joined copy
   * (core/dust/result-body.ts).
   */
  bodyParts?: readonly (string | Uint8Array)[];
  /** `manual` lets the caller decide which redirects to follow (same-origin 307 only). */
  redirect?: 'follow' | 'manual';
  cancellation?: CancellationToken;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
}

export interface HttpClient {
  /** Rejects only when no response arrived (network down, timeout, cancelled). */
  request(request: HttpRequest): Promise<HttpResponse>;
}

export interface EventStreamOptions {
  /**
   * Evaluated on every connect, including the library's own reconnects, so cursors stay current.
   */
  url: () => string;
  /** Evaluated on every connect, so a refreshed token is used. */
  headers: () => Record<string, string>;
}

export interface EventStreamHandlers {
  onOpen(): void;
  /** One SSE event: its `data` (multi-line data joined with \n) and its name, if any. */
  onMessage(data: string, eventName: string | undefined): void;
  /** The connection failed or dropped; `status` is set when the server answered non-200. */
  onError(error: { status?: number; message: string }): void;
}

export interface EventStreams {
  /** Opens a server-sent event stream; disposing closes it for good. */
  open(options: EventStreamOptions, handlers: EventStreamHandlers): IDisposable;
}

export interface LocalServerSpec {
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd?: string;
  /**
   * The secret values in `env` (keychain ones, plain ones that look secret): the supervisor
   * redacts them from everything the server says before it leaves (server-supervisor.ts).
   * Not passed to the process.
   */
  secrets?: readonly string[];
}

/**
 * A remote MCP server reached over HTTP: Streamable HTTP, or the legacy HTTP+SSE transport
 * (docs/protocol/mcp-facts.md#remote-transports). `headers` hold resolved secrets: never log, store
 * or show them.
 */
export interface RemoteServerSpec {
  url: string;
  /**
   * `auto`: Streamable HTTP first, the legacy HTTP+SSE transport if the server answers 4xx; `sse`:
   * legacy only.
   */
  transport: 'auto' | 'sse';
  headers: Readonly<Record<string, string>>;
  /**
   * The secret values in `headers` (keychain ones, plain ones that look secret): the supervisor
   * redacts them from the transport's notes and failure words (server-supervisor.ts). Not sent.
   */
  secrets?: readonly string[];
}

/** What the supervisor starts: a local process, or a connection to a remote server. */
export type ServerLaunchSpec = LocalServerSpec | RemoteServerSpec;

/**
 * A running MCP server, carrying raw JSON-RPC so ids pass through untouched: a stdio child
 * process, or a session with a remote server (no pid, no stderr of its own; `onExit` fires
 * when the session is lost, with the reason in words).
 */
export interface LocalServerProcess extends IDisposable {
  readonly pid: number | undefined;
  send(message: JsonRpcMessage): Promise<void>;
  readonly onMessage: Event<JsonRpcMessage>;
  readonly onStderr: Event<string>;
  /** `reason`, when set, says in words why it ended (a remote server: "is unreachable: …"). */
  readonly onExit: Event<{ code: number | null; signal: string | null; reason?: string }>;
  /** Ends the process (stdin close, then SIGTERM, then SIGKILL) and resolves once it is gone. */
  close(): Promise<void>;
}

export interface McpProcesses {
  spawn(spec: ServerLaunchSpec): Promise<LocalServerProcess>;
  /**
   * Whether the command can be found (on the server's PATH, then the login shell's) without
   * running it: saving a server whose command is missing warns first. Absent: unknown.
   */
  commandAvailable?(spec: LocalServerSpec): Promise<boolean>;
}

/** The OS keychain. Keys are account names under the app's own service name. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Files {
  /** The file's text, or null when it does not exist. */
  readText(path: string): Promise<string | null>;
  /** Writes through a temporary file and a rename, so a crash never leaves half a file. */
  writeTextAtomic(path: string, text: string): Promise<void>;
  appendText(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  size(path: string): Promise<number | null>;
  join(...parts: string[]): string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logs; callers never pass secrets, and the file logger redacts known ones anyway. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Opens https URLs from an allowlist in the user's browser. */
export interface UrlOpener {
  open(url: string): Promise<void>;
}
