import { Buffer } from 'node:buffer';

/**
 * Finds a secret in text in the forms a leak takes: raw, hex, URL-encoded, or inside any run of
 * base64 (standard or url-safe, at any alignment) — decoded and searched for any 8 bytes of it.
 * Independent of the app's own redaction code on purpose: it uses Node's encoders.
 */
export function findSecret(text: string, secret: string): string | undefined {
  const lower = text.toLowerCase();
  for (const [form, value] of [
    ['raw', secret],
    ['hex', Buffer.from(secret).toString('hex')],
    ['url-encoded', encodeURIComponent(secret)],
  ] as const) {
    if (lower.includes(value.toLowerCase())) return form;
  }
  const bytes = Buffer.from(secret).toString('latin1');
  const windows = new Set<string>();
  for (let i = 0; i + 8 <= bytes.length; i++) windows.add(bytes.slice(i, i + 8));
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let shift = 0; shift < 4; shift++) {
      const decoded = Buffer.from(
        run.slice(shift),
        run.includes('-') || run.includes('_') ? 'base64url' : 'base64',
      ).toString('latin1');
      for (const window of windows) if (decoded.includes(window)) return 'base64';
    }
  }
  return undefined;
}

/** Every place (name → text) where `secret` shows, with the form it shows in. */
export function secretHits(
  places: Record<string, string>,
  secrets: Record<string, string>,
): string[] {
  const hits: string[] = [];
  for (const [where, text] of Object.entries(places)) {
    for (const [what, secret] of Object.entries(secrets)) {
      const form = findSecret(text, secret);
      if (form) hits.push(`${what} (${form}) in ${where}`);
    }
  }
  return hits;
}
