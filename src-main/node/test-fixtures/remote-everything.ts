/**
 * @modelcontextprotocol/server-everything as a remote server on loopback: `streamableHttp`
 * (POST/GET/DELETE on /mcp) or `sse` (the legacy transport: GET /sse, POST /message). Started
 * with this Node binary on a free port; `restart` brings it back on the same port, with every
 * session forgotten, as a real server restart would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { packageBin } from './fixtures.js';

export type RemoteMode = 'streamableHttp' | 'sse';

export interface RemoteEverything {
  port: number;
  /** The URL a client connects to: /mcp, or /sse for the legacy transport. */
  url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRemoteEverything(
  mode: RemoteMode,
  port?: number,
): Promise<RemoteEverything> {
  const chosen = port ?? (await freePort());
  let child: ChildProcess | undefined = await launch(mode, chosen);
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  return {
    port: chosen,
    url: `http://127.0.0.1:${chosen}${mode === 'sse' ? '/sse' : '/mcp'}`,
    stop,
    async restart() {
      await stop();
      child = await launch(mode, chosen);
    },
  };
}

/** Resolves once the server says it listens; rejects with its output if it exits first. */
function launch(mode: RemoteMode, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [packageBin('@modelcontextprotocol/server-everything'), mode],
    {
      env: { PATH: process.env['PATH'] ?? '', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on port|running on port/i.test(output)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`server-everything ${mode} exited (${code}) before listening:\n${output}`)),
    );
  });
}
