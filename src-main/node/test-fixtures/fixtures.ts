import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { LocalServerSpec } from '../../core/ports.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Our own fixture scripts, run with this very Node binary (never npx at test time). */
export function fixtureSpec(
  script: 'fixture-server.mjs' | 'crash-server.mjs' | 'leaky-server.mjs' | 'url-elicit-server.mjs',
  env: Record<string, string> = {},
): LocalServerSpec {
  return { command: process.execPath, args: [join(here, script)], env };
}

/** The entry script of an npm MCP server package, read from its package.json `bin`. */
export function packageBin(packageName: string): string {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = require(manifestPath) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin)[0];
  if (!bin) throw new Error(`${packageName} has no bin entry`);
  return join(dirname(manifestPath), bin);
}

/**
 * @modelcontextprotocol/server-everything in stdio mode (its first argument picks the transport).
 */
export function everythingSpec(): LocalServerSpec {
  return {
    command: process.execPath,
    args: [packageBin('@modelcontextprotocol/server-everything'), 'stdio'],
    env: {},
  };
}

/** @modelcontextprotocol/server-filesystem, allowed to read and write `allowedDir` only. */
export function filesystemSpec(allowedDir: string): LocalServerSpec {
  return {
    command: process.execPath,
    args: [packageBin('@modelcontextprotocol/server-filesystem'), allowedDir],
    env: {},
  };
}

/** True while a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
