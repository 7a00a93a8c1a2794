import { packageBin } from '../../src-main/node/test-fixtures/fixtures.js';

/** @modelcontextprotocol/server-everything over stdio, run by this Node binary (never npx). */
export function everythingServer() {
  return {
    command: process.execPath,
    args: [packageBin('@modelcontextprotocol/server-everything'), 'stdio'],
  };
}

/** @modelcontextprotocol/server-filesystem, allowed to use `dir` only. */
export function filesystemServer(dir: string) {
  return {
    command: process.execPath,
    args: [packageBin('@modelcontextprotocol/server-filesystem'), dir],
  };
}
