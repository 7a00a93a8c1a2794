/**
 * What a grant is bound to: the server's command line and the tool's contract.
 *
 * If either changes (a different binary or arguments, a tool that now takes other inputs or
 * claims other hints), an earlier "always allow" no longer describes what will run, so the
 * fingerprint changes and the user is asked again. Env values are left out on purpose: they hold
 * secrets, and rotating a token must not reset every permission.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

import { canonicalJson } from './canonical-json.js';

export interface FingerprintServer {
  command: string;
  args: readonly string[];
}

export interface FingerprintTool {
  name: string;
  inputSchema?: unknown;
  annotations?: unknown;
}

/** Lowercase SHA-256 hex over the canonical JSON of the command line and the tool. */
export function toolFingerprint(server: FingerprintServer, tool: FingerprintTool): string {
  const subject = {
    server: { command: server.command, args: [...server.args] },
    tool: { name: tool.name, inputSchema: tool.inputSchema ?? null, annotations: tool.annotations ?? null },
  };
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(subject))));
}
