/**
 * McpProcesses on node:child_process, with the MCP SDK's stdio framing.
 *
 * Why not the SDK's `StdioClientTransport`: its `close` handler drops the exit code and signal
 * (we need both to say "exited with code 1" or "killed by SIGKILL"), it always merges its own
 * default environment into the child's, and its ReadBuffer validates each line with strict zod
 * schemas, which rejects valid messages we must relay untouched (an error with `id: null`, any
 * extra top-level field) and loses the text of a bad line. So we spawn the process ourselves,
 * write one JSON line per message as the SDK's `serializeMessage` does, and split and parse lines
 * here with plain `JSON.parse`, keeping every message exactly as the server wrote it. Nothing of
 * the SDK is loaded here (default-environment.ts says why).
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';

import {
  DUST_RESULTS_MAX_BYTES,
  formatMebibytes,
  LOCAL_MESSAGE_MAX_BYTES,
} from '../core/dust/dust-limits.js';
import { Emitter } from '../core/emitter.js';
import { isJsonRpcMessage, type JsonRpcMessage } from '../core/jsonrpc.js';
import type { LocalServerProcess, LocalServerSpec, McpProcesses } from '../core/ports.js';
import { keepRawResult } from '../core/raw-json/raw-json.js';
import { getDefaultEnvironment } from './default-environment.js';
import { LineSplitter, type OversizedLine } from './line-splitter.js';
import { oversizedMessageId } from './oversized-message.js';

/** What actually gets spawned once the command is resolved (see shell-path.ts). */
export interface PreparedCommand {
  file: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  /** Windows `cmd.exe /d /s /c "…"`: the arguments are already quoted for cmd. */
  windowsVerbatimArguments?: boolean;
}

export interface StdioMcpProcessesOptions {
  /** Resolves the command and sets PATH (login-shell PATH, Windows shims); default: as given. */
  prepare?: (spec: LocalServerSpec) => Promise<PreparedCommand>;
  /**
   * Variables every child gets under its own: default, the MCP SDK's short list of harmless
   * ones (HOME, LOGNAME, SHELL, TERM, USER; APPDATA, SYSTEMROOT, TEMP… on Windows), which is
   * what Claude Desktop passes too. PATH is left to `prepare` when there is one.
   */
  baseEnv?: Readonly<Record<string, string>>;
  /** How long a server may take to exit after its stdin closes, before SIGTERM. */
  closeGraceMs?: number;
  /** How long after SIGTERM before SIGKILL. */
  killGraceMs?: number;
  /** The longest message (stdout line) taken from a server; default a little above Dust's limit. */
  maxMessageBytes?: number;
}

/**
 * Spawns local stdio MCP servers.
 *
 * The child's environment is `spec.env` over a small base of harmless variables; nothing else
 * from our process leaks in (core/settings/server-spec.ts resolves the server's own variables).
 * Programs cannot run without HOME or, on Windows, SYSTEMROOT, so the base is there even when a
 * caller passes only the server's own variables. Secrets travel only in env, never in argv.
 */
export class StdioMcpProcesses implements McpProcesses {
  constructor(private readonly options: StdioMcpProcessesOptions = {}) {}

  /** Looks the command up as `spawn` would, and runs nothing; true when there is no way to tell. */
  async commandAvailable(spec: LocalServerSpec): Promise<boolean> {
    if (!this.options.prepare) return true;
    try {
      await this.options.prepare({
        ...spec,
        env: { ...(this.options.baseEnv ?? getDefaultEnvironment()), ...spec.env },
      });
      return true;
    } catch {
      return false;
    }
  }

  async spawn(spec: LocalServerSpec): Promise<LocalServerProcess> {
    const base = { ...(this.options.baseEnv ?? getDefaultEnvironment()) };
    if (this.options.prepare)
      for (const key of Object.keys(base)) if (key.toUpperCase() === 'PATH') delete base[key];
    const full: LocalServerSpec = { ...spec, env: { ...base, ...spec.env } };
    const prepared = this.options.prepare
      ? await this.options.prepare(full)
      : { file: full.command, args: full.args, env: full.env };
    const child = spawn(prepared.file, [...prepared.args], {
      env: { ...prepared.env },
      cwd: spec.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
      windowsVerbatimArguments: prepared.windowsVerbatimArguments ?? false,
      // Its own process group, so close() can also end what an `npx` or shell wrapper started.
      detached: process.platform !== 'win32',
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(describeSpawnError(spec.command, spec.cwd, error)));
    });
    return new ChildMcpProcess(child, {
      closeGraceMs: this.options.closeGraceMs ?? 2_000,
      killGraceMs: this.options.killGraceMs ?? 2_000,
      maxMessageBytes: this.options.maxMessageBytes ?? LOCAL_MESSAGE_MAX_BYTES,
    });
  }
}

/** Lines of garbage on stdout are reported through onStderr, cut to this length. */
const MAX_DIAGNOSTIC_CHARS = 2_000;
/** A grandchild can hold the pipes open after the child exits; do not wait on it forever. */
const CLOSE_AFTER_EXIT_MS = 250;

class ChildMcpProcess implements LocalServerProcess {
  private readonly _onMessage = new Emitter<JsonRpcMessage>();
  private readonly _onStderr = new Emitter<string>();
  private readonly _onExit = new Emitter<{ code: number | null; signal: string | null }>();
  readonly onMessage = this._onMessage.event;
  readonly onStderr = this._onStderr.event;
  readonly onExit = this._onExit.event;
  readonly pid: number | undefined;

  private readonly exited: Promise<void>;
  private hasExited = false;
  private closing: Promise<void> | undefined;
  private gathering = false;

  private readonly closeGraceMs: number;
  private readonly killGraceMs: number;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    limits: { closeGraceMs: number; killGraceMs: number; maxMessageBytes: number },
  ) {
    this.pid = child.pid;
    this.closeGraceMs = limits.closeGraceMs;
    this.killGraceMs = limits.killGraceMs;
    const stdout = new LineSplitter(
      (line, bytes) => this.handleStdoutLine(line, bytes),
      limits.maxMessageBytes,
      (line) => this.handleOversizedLine(line, limits.maxMessageBytes),
    );
    const stderr = new LineSplitter((line) => this._onStderr.fire(line));
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // EPIPE and friends once the server is gone: the exit event tells the story.
    for (const stream of [child.stdin, child.stdout, child.stderr])
      stream.on('error', () => undefined);
    child.on('error', (error) => this._onStderr.fire(`(process error) ${error.message}`));

    let reported = false;
    const report = (code: number | null, signal: string | null) => {
      if (reported) return;
      reported = true;
      stdout.end();
      stderr.end();
      this._onExit.fire({ code, signal });
    };
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.hasExited = true;
        resolve();
        setTimeout(() => report(code, signal), CLOSE_AFTER_EXIT_MS).unref();
      });
    });
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) =>
      report(code, signal),
    );
  }

  send(message: JsonRpcMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child.stdin;
      if (this.hasExited || stdin.destroyed || stdin.writableEnded) {
        reject(new Error('The server is not running, so the message was not sent.'));
        return;
      }
      stdin.write(`${JSON.stringify(message)}\n`, (error) =>
        error ? reject(new Error(`Could not write to the server: ${error.message}`)) : resolve(),
      );
      this.gatherRestOfTurn();
    });
  }

  /**
   * After a write, holds further stdin writes until the event loop's check phase and sends them
   * together in one writev. A pipe write is a system call that also wakes the server; under load
   * several calls arrive in one turn (an SSE chunk each), and a write per message was a tenth of
   * the relay's CPU (bench/, the relay benchmarks: docs/benchmarks.md). The first message of a turn
   * still goes out at once, so a lone call waits for nothing.
   */
  private gatherRestOfTurn(): void {
    if (this.gathering) return;
    const stdin = this.child.stdin;
    this.gathering = true;
    stdin.cork();
    setImmediate(() => {
      this.gathering = false;
      stdin.uncork();
    });
  }

  /** stdin closed (what the MCP spec asks servers to honour), then SIGTERM, then SIGKILL. */
  close(): Promise<void> {
    this.closing ??= this.terminate();
    return this.closing;
  }

  dispose(): void {
    void this.close().finally(() => {
      this._onMessage.dispose();
      this._onStderr.dispose();
      this._onExit.dispose();
    });
  }

  private async terminate(): Promise<void> {
    if (this.hasExited) return;
    this.child.stdin.end();
    if (await this.exitWithin(this.closeGraceMs)) return;
    this.signal('SIGTERM');
    if (await this.exitWithin(this.killGraceMs)) return;
    this.signal('SIGKILL');
    await this.exited;
  }

  private exitWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), ms)),
    );
    return Promise.race([this.exited.then(() => true), timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * Signals the whole process group on POSIX. Windows has no SIGTERM and `kill()` would end only
   * cmd.exe, leaving the node.exe an `npx.cmd` started, so there we kill the tree with taskkill.
   */
  private signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (process.platform === 'win32') {
      execFile(
        'taskkill',
        ['/pid', String(pid), '/T', '/F'],
        { windowsHide: true },
        () => undefined,
      );
      return;
    }
    try {
      process.kill(-pid, signal);
    } catch {
      this.child.kill(signal);
    }
  }

  private handleStdoutLine(line: string, bytes: Uint8Array): void {
    if (line.trim() === '') return;
    const messages = parseJsonRpcLine(line);
    // A large answer's result keeps its bytes, to go on to Dust as written (raw-json.ts).
    if (messages?.length === 1) keepRawResult(messages[0], line, bytes);
    if (messages) for (const message of messages) this._onMessage.fire(message);
    else this._onStderr.fire(`(stdout, not JSON-RPC) ${line.slice(0, MAX_DIAGNOSTIC_CHARS)}`);
  }

  /**
   * A message too large to relay was dropped on arrival. When it answers one of our requests
   * (its id is readable at either end of the line), that request gets an error in words now,
   * rather than the agent waiting out Dust's 3-minute timeout for an answer that cannot come.
   */
  private handleOversizedLine(line: OversizedLine, maxBytes: number): void {
    const size = formatMebibytes(line.bytes);
    this._onStderr.fire(
      `(stdout) a message of ${size} was dropped: more than the ${formatMebibytes(maxBytes)} the app relays.`,
    );
    const id = oversizedMessageId(line);
    if (id === undefined) return;
    this._onMessage.fire({
      jsonrpc: '2.0',
      id,
      error: {
        code: -32603,
        message: `The answer was too large to send to Dust (${size}; Dust accepts at most ${formatMebibytes(DUST_RESULTS_MAX_BYTES)}). Ask for a smaller result, for example a narrower query or fewer lines.`,
      },
    });
  }
}

/** The messages on one line (MCP 2025-03-26 allowed batches), or null if it is not JSON-RPC. */
function parseJsonRpcLine(line: string): JsonRpcMessage[] | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const items: unknown[] = Array.isArray(value) ? value : [value];
  if (items.length === 0 || !items.every(isJsonRpcMessage)) return null;
  return items;
}

function describeSpawnError(command: string, cwd: string | undefined, error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? cwd !== undefined
        ? `the command or the working directory "${cwd}" was not found`
        : 'the command was not found on PATH'
      : code === 'EACCES'
        ? 'the command is not executable'
        : error.message;
  return new Error(`Could not start "${command}": ${reason}.`, { cause: error });
}
