import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { everythingSpec } from '../../node/test-fixtures/fixtures.js';
import { waitFor } from '../../node/test-fixtures/wait-for.js';

/**
 * Builds the `dust-mcp-bridge` bundle into a private temporary folder, outside the project: the
 * process it runs cannot resolve anything from our node_modules, so a session that works proves
 * the bundle needs nothing but node (given DUST_TOKEN, the keychain addon is never loaded).
 */
export function buildBridgeBundle(): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'dust-bridge-bundle-')), 'dust-mcp-bridge.cjs');
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--outfile', outfile], {
    stdio: 'inherit',
  });
  return outfile;
}

/** A servers file with server-everything (and any extra entries). */
export function writeServersFile(extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dust-headless-'));
  const spec = everythingSpec();
  const file = join(dir, 'servers.json');
  writeFileSync(
    file,
    JSON.stringify({
      mcpServers: { everything: { command: spec.command, args: spec.args }, ...extra },
    }),
  );
  return file;
}

export type BridgeLine = Record<string, unknown>;

export interface BridgeProcess {
  child: ChildProcess;
  lines: BridgeLine[];
  stderr: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
  waitForLine(
    predicate: (line: BridgeLine) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<BridgeLine>;
  /** Sends the signal to the whole process group, as a terminal, docker stop or systemd do. */
  signalGroup(signal: NodeJS.Signals): void;
}

/**
 * Runs a command in its own process group (so a test can signal the group like a terminal does),
 * collecting its stdout JSON lines and stderr. `command` defaults to node running `bundle`.
 */
export function startBridge(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd?: string,
): BridgeProcess {
  const lines: BridgeLine[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(cwd ? { cwd } : {}),
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    out.push(line);
    try {
      lines.push(JSON.parse(line) as BridgeLine);
    } catch {
      // --help and --version print plain text.
    }
  });
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stderr: () => err.join(''),
    stdout: () => out.join('\n'),
    exited,
    waitForLine: (predicate, what, timeoutMs = 20_000) => {
      const told = () => `${what} line. stdout: ${JSON.stringify(lines)} stderr: ${err.join('')}`;
      let exitSeenAt: number | undefined;
      return waitFor(
        told,
        () => {
          const found = lines.find(predicate);
          if (found) return found;
          // Once the process is gone, its last lines may still be in the pipe: a moment's grace.
          if (child.exitCode !== null || child.signalCode !== null) exitSeenAt ??= Date.now();
          if (exitSeenAt !== undefined && Date.now() - exitSeenAt > 300) {
            throw new Error(`No ${told()} (the process exited)`);
          }
          return undefined;
        },
        timeoutMs,
      );
    },
    signalGroup: (signal) => process.kill(-child.pid!, signal),
  };
}

/** Kills what a test left running (the whole group: the bridge and its servers). */
export function killGroup(run: BridgeProcess | undefined): void {
  if (!run || run.child.exitCode !== null || run.child.signalCode !== null) return;
  try {
    process.kill(-run.child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
