import type { HttpClient, HttpRequest, HttpResponse } from '../ports.js';

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * An HttpClient that answers from a script, for unit tests of pure code (integration tests use
 * the Dust emulator). Each request is matched by `route(request)`; every request is recorded.
 */
export class ScriptedHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];

  constructor(
    private readonly route: (request: HttpRequest) => ScriptedAnswer | Promise<ScriptedAnswer>,
  ) {}

  async request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const answer = await this.route(request);
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
    const headers = Object.fromEntries(
      Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    return {
      status: answer.status,
      header: (name) => headers[name.toLowerCase()] ?? null,
      text: () => Promise.resolve(text),
    };
  }
}

/** An unsigned JWT with the given claims, for tests that only read claims. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoaUrl(JSON.stringify(value));
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.sig`;
}

function btoaUrl(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const chars = [18, 12, 6, 0].map((shift) => alphabet[(n >> shift) & 63]);
    out += chars.slice(0, i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2).join('');
  }
  return out;
}
