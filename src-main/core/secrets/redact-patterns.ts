/**
 * Redaction by shape, for log lines and error messages that may carry a secret nobody told us
 * about: `Authorization: Bearer …`, vendor tokens, JWTs, passwords in URLs, PEM private keys
 * (ARCHITECTURE.md#secrets: "Redact `Bearer …` and key-looking strings in every log line").
 *
 * Complements `createRedactor` (mask.ts), which removes the exact values we know of; run both.
 */
import { knownTokenPattern } from './known-prefixes.js';
import { maskValue } from './mask.js';

const BEARER = /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{7,}[A-Za-z0-9_~+/=-])/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)([^/\s@]+)@/gi;
const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
/** `"token": "…"`, `api_key=…`, `password: …` in JSON, query strings and key-value logs. */
const NAMED_VALUE =
  /((?:access_?token|refresh_?token|id_?token|api_?key|apikey|client_?secret|password|passwd|secret)["']?\s*[:=]\s*["']?)([^"'\s&,;}]{4,})/gi;

export function redactSecretPatterns(text: string): string {
  return text
    .replace(PEM, '-----BEGIN PRIVATE KEY----- •••• -----END PRIVATE KEY-----')
    .replace(BEARER, (_all, scheme: string, token: string) => `${scheme} ${maskValue(token)}`)
    .replace(JWT, (token) => maskValue(token))
    .replace(knownTokenPattern(), (token) => maskValue(token))
    .replace(URL_PASSWORD, (_all, head: string) => `${head}••••@`)
    .replace(NAMED_VALUE, (_all, head: string, value: string) =>
      value.startsWith('••••') || value.startsWith('…') ? `${head}${value}` : `${head}••••`,
    );
}
