import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The entry script of an npm MCP server package, from its package.json `bin`. */
function packageBin(packageName: string): string {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = require(manifestPath) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin)[0];
  if (!bin) throw new Error(`${packageName} has no bin entry`);
  return join(dirname(manifestPath), bin);
}

/** @modelcontextprotocol/server-everything over stdio, run by this Node binary (never npx). */
export function everythingServer() {
  return { command: process.execPath, args: [packageBin('@modelcontextprotocol/server-everything'), 'stdio'] };
}

/** @modelcontextprotocol/server-filesystem, allowed to use `dir` only. */
export function filesystemServer(dir: string) {
  return { command: process.execPath, args: [packageBin('@modelcontextprotocol/server-filesystem'), dir] };
}
