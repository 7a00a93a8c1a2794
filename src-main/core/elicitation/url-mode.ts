/**
 * MCP elicitation in URL mode: a local server asks the person to open an address (a sign-in page,
 * a payment page) during a tool call. The address comes from a program we do not control, so
 * only web pages are ever offered: https anywhere, plain http only on this computer (a local dev
 * server), never userinfo (`https://dust.tt@evil.example` poses as dust.tt). Everything else
 * (javascript:, file:, custom schemes that start programs) is declined without asking anyone.
 */
import type { CancellationToken } from '../cancellation.js';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export type UrlCheck = { ok: true; url: string; host: string } | { ok: false; problem: string };

/** The normalised address to offer, or why it is declined without asking. */
export function checkElicitationUrl(raw: unknown): UrlCheck {
  if (typeof raw !== 'string' || raw.trim() === '')
    return { ok: false, problem: 'it names no address' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'its address is not a valid URL' };
  }
  if (url.username !== '' || url.password !== '')
    return { ok: false, problem: 'its address carries a user name or password' };
  if (url.protocol === 'https:') return { ok: true, url: url.href, host: url.host };
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))
    return { ok: true, url: url.href, host: url.host };
  if (url.protocol === 'http:')
    return {
      ok: false,
      problem: 'plain http is opened only for this computer (localhost); use https',
    };
  return { ok: false, problem: `only web addresses (https) are opened, not ${url.protocol}` };
}

export interface UrlElicitationRequest {
  server: string;
  tool: string | undefined;
  /** Checked by `checkElicitationUrl`. */
  url: string;
  host: string;
  /** The server's reason, shown as its words. */
  message: string;
  /** Epoch ms; inside the tool call's own budget. Past it the server hears `cancel`. */
  deadlineAt: number;
}

/**
 * Main asks the person whether to open the address, and opens it on "Allow". Resolves `accept`
 * (opened), `decline` (refused, or the dialog could not be shown) or `cancel` (the call ended or
 * its deadline passed first: nothing is opened even if the person says yes later).
 */
export type OpenUrlConsent = (
  request: UrlElicitationRequest,
  cancellation: CancellationToken,
) => Promise<'accept' | 'decline' | 'cancel'>;
