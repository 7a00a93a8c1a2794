/**
 * Masked forms of secrets for the UI and logs, and a redactor built from the known ones.
 *
 * The renderer never receives a secret (ARCHITECTURE.md#ipc-contract): it gets `maskValue(v)`,
 * enough to tell two keys apart ("ghp_…a1b2") and nothing to use.
 */
import { leadingKnownPrefix } from './known-prefixes.js';
import { compileNeedles, replaceNeedles } from './secret-forms.js';

const DOTS = '••••';

/**
 * "ghp_…a1b2" for a value with a known vendor prefix and 16+ characters; "…a1b2" for other
 * values of 24+ characters; "••••" for anything shorter, where four characters would give away
 * too much of it.
 */
export function maskValue(value: string): string {
  const prefix = leadingKnownPrefix(value);
  if (prefix !== undefined && value.length >= 16) return `${prefix}…${value.slice(-4)}`;
  if (value.length >= 24) return `…${value.slice(-4)}`;
  return DOTS;
}

/**
 * Replaces every known secret in a text, raw or encoded (base64, hex, URL-encoded: see
 * secret-forms.ts); values stay inside the closure.
 */
export interface SecretRedactor {
  redact(text: string): string;
  /** How many distinct values it knows (for a diagnostics line; never the values). */
  readonly size: number;
}

/** Values shorter than this are not redacted: "1234" would mangle every log line with a number. */
const MIN_REDACTABLE_LENGTH = 6;

/**
 * A header value such as `Bearer <token>`, `Basic <base64>` or `token <key>` is stored whole in
 * the keychain, but a remote server (or a proxy's error page) may echo the credential alone.
 */
const AUTH_SCHEME = /^[A-Za-z][\w-]*\s+(\S+)$/;

export function createRedactor(values: Iterable<string>): SecretRedactor {
  const all = [...values].flatMap((value) => {
    const credential = AUTH_SCHEME.exec(value)?.[1];
    return credential === undefined ? [value] : [value, credential];
  });
  const known = new Set(all.filter((value) => value.length >= MIN_REDACTABLE_LENGTH));
  const needles = compileNeedles(known, { minLength: MIN_REDACTABLE_LENGTH, mask: maskValue });
  return {
    size: known.size,
    redact: (text: string): string => replaceNeedles(text, needles),
  };
}
