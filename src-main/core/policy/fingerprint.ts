/**
 * What a grant is bound to: the server's command line and the tool as the server describes it.
 *
 * If either changes (a different binary or arguments, a tool that now takes other inputs, claims
 * other hints, or says something else about itself in its description or title), an earlier
 * "always allow" no longer describes what will run, so the fingerprint changes and the user is
 * asked again. The description counts because the agent reads it: a server that rewrites a
 * granted tool's description into a prompt injection ("rug pull") must not keep the grant. Env
 * values are left out on purpose: they hold secrets, and rotating a token must not reset every
 * permission.
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
  description?: unknown;
  /** MCP's top-level display name (annotations may carry one too). */
  title?: unknown;
  inputSchema?: unknown;
  annotations?: unknown;
}

/** The parts of a fingerprint, each hashed, so a changed grant can say what changed. */
export type ToolFacet = 'commandLine' | 'inputSchema' | 'annotations' | 'description' | 'title';
export type ToolFacets = Readonly<Record<ToolFacet, string>>;

const hash = (value: unknown): string => bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));

/** Lowercase SHA-256 hex over the canonical JSON of the command line and the tool. */
export function toolFingerprint(server: FingerprintServer, tool: FingerprintTool): string {
  const subject = {
    server: { command: server.command, args: [...server.args] },
    tool: {
      name: tool.name,
      description: tool.description ?? null,
      title: tool.title ?? null,
      inputSchema: tool.inputSchema ?? null,
      annotations: tool.annotations ?? null,
    },
  };
  return hash(subject);
}

/** Short hashes of each part (16 hex digits are plenty to tell "changed" from "same"). */
export function toolFacets(server: FingerprintServer, tool: FingerprintTool): ToolFacets {
  const short = (value: unknown) => hash(value).slice(0, 16);
  return {
    commandLine: short({ command: server.command, args: [...server.args] }),
    inputSchema: short(tool.inputSchema ?? null),
    annotations: short(tool.annotations ?? null),
    description: short(tool.description ?? null),
    title: short(tool.title ?? null),
  };
}

/** The facets that differ, in a fixed order (the reason's wording follows it). */
export function changedFacets(
  before: Partial<Record<ToolFacet, string>>,
  now: ToolFacets,
): ToolFacet[] {
  return (['description', 'title', 'inputSchema', 'annotations', 'commandLine'] as const).filter(
    (facet) => before[facet] !== undefined && before[facet] !== now[facet],
  );
}
