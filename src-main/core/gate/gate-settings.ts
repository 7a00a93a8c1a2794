import type { PolicyRule } from '../policy/rules.js';
import { launchIdentity } from '../settings/entry-parts.js';
import type { ServerEntry } from '../settings/schema.js';
import type { GateSettings } from './policy-gate.js';

/**
 * The gate's view of a servers file: its rules, and for each server what grants are bound to
 * (its launch identity) and whether its read-only hints are trusted. Read through functions, so
 * the desktop app's gate sees a saved change at the next call; headless reads a fixed file.
 */
export function gateSettingsOf(source: {
  rules: () => readonly PolicyRule[];
  servers: () => Readonly<Record<string, ServerEntry>>;
}): GateSettings {
  return {
    rules: source.rules,
    server: (name) => {
      const entry = source.servers()[name];
      return entry ? { ...launchIdentity(entry), trusted: entry.trusted } : undefined;
    },
  };
}
