import { describe, expect, it } from 'vitest';

import { useEmulator } from '../test-support/start.js';

describe('POST /api/v1/w/{wId}/mcp/register', () => {
  const emu = useEmulator();
  const register = (body: unknown, token?: string | null) =>
    emu().api('POST', emu().ws('/mcp/register'), {
      body,
      ...(token === undefined ? {} : { token }),
    });

  it('mcp-5 rejects serverName outside 5–30 characters of raw length with the exact 400 envelope', async () => {
    const short = await register({ serverName: 'abcd' });
    expect(short.status).toBe(400);
    expect(await short.text()).toBe(
      '{"error":{"type":"invalid_request_error","message":"Invalid request body: Validation error: String must contain at least 5 character(s) at \\"serverName\\""}}',
    );
    const long = await register({ serverName: 'x'.repeat(31) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid request body: Validation error: String must contain at most 30 character(s) at "serverName"',
    );
    // Raw, untrimmed length: "  abc" is 5 characters and passes.
    expect((await register({ serverName: '  abc' })).status).toBe(200);
    expect((await register({ serverName: 'x'.repeat(30) })).status).toBe(200);
  });

  it('mcp-5 missing serverName, wrong type, and a body without JSON content type all fail validation', async () => {
    const missing = await register({});
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid request body: Validation error: Required at "serverName"',
    );
    const wrongType = await register({ serverName: 42 });
    expect(((await wrongType.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid request body: Validation error: Expected string, received number at "serverName"',
    );
    const noType = await fetch(`${emu().url}${emu().ws('/mcp/register')}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu().seeds.userToken}` },
      body: JSON.stringify({ serverName: 'valid name' }),
    });
    expect(noType.status).toBe(400);
    expect(((await noType.json()) as { error: { message: string } }).error.message).toContain(
      'Required at "serverName"',
    );
  });

  it('malformed JSON → 400 "Malformed JSON in request body"', async () => {
    const response = await emu().api('POST', emu().ws('/mcp/register'), {
      rawBody: '{"serverName":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { type: 'invalid_request_error', message: 'Malformed JSON in request body' },
    });
  });

  it('mcp-6 mcp-7 mcp-8 returns {expiresAt, serverId} in that key order, id format, expiresAt = now + 600 s with ms', async () => {
    const before = emu().clock.now();
    const response = await register({ serverName: 'my sidekick' });
    const after = emu().clock.now();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^\{"expiresAt":"[^"]+","serverId":"[^"]+"\}$/);
    const body = JSON.parse(text) as { expiresAt: string; serverId: string };
    expect(body.serverId).toMatch(/^mcp-client-side:my_sidekick\.[0-9a-f]{16}$/);
    expect(body.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const expires = Date.parse(body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 600_000);
    expect(expires).toBeLessThanOrEqual(after + 600_000);
  });

  it("mcp-6 slugifies with Dust's rules and never reuses an id", async () => {
    const ids = new Set<string>();
    for (const name of ['dust-desktop', 'dust-desktop', 'fs-cli', 'Café Tools', 'myServer2']) {
      const { serverId } = (await (await register({ serverName: name })).json()) as {
        serverId: string;
      };
      ids.add(serverId);
    }
    const slugs = [...ids].map((id) =>
      id.replace(/^mcp-client-side:/, '').replace(/\.[0-9a-f]{16}$/, ''),
    );
    expect(slugs.sort()).toEqual([
      'cafe_tools',
      'dust_desktop',
      'dust_desktop',
      'fs_cli',
      'my_server_2',
    ]);
    expect(ids.size).toBe(5);
    const serverId = [...ids][0] ?? '';
    await emu().api('POST', emu().ws('/mcp/deregister'), { body: { serverId } });
    const again = (await (await register({ serverName: 'dust-desktop' })).json()) as {
      serverId: string;
    };
    expect(ids.has(again.serverId)).toBe(false);
  });

  it('mcp-2 an sk- API key → 403 invalid_request_error (after body validation)', async () => {
    const response = await register({ serverName: 'my sidekick' }, emu().seeds.apiKey);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(
      '{"error":{"type":"invalid_request_error","message":"API keys are not allowed to register MCP servers."}}',
    );
    const invalid = await register({ serverName: 'x' }, emu().seeds.apiKey);
    expect(invalid.status).toBe(400);
  });

  it('mcp-9 more than 100 registrations per minute per user → 429 rate_limit_error; other users unaffected', async () => {
    emu().faults.set({ registerRateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++)
      expect((await register({ serverName: 'storm server' })).status).toBe(200);
    const limited = await register({ serverName: 'storm server' });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe(
      '{"error":{"type":"rate_limit_error","message":"Too many MCP server registrations. Please try again later."}}',
    );
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(
      (await register({ serverName: 'storm server' }, emu().seeds.otherUserToken)).status,
    ).toBe(200);
    emu().clock.advance(60_001);
    expect((await register({ serverName: 'storm server' })).status).toBe(200);
    expect(emu().counters.get('registrations')).toBe(5);
  });

  it("mcp-9 the window slides, and refused attempts are not counted (Dust's sorted set)", async () => {
    emu().faults.set({ registerRateLimitPerMinute: 3 });
    const status = async () => (await register({ serverName: 'storm server' })).status;
    expect([await status(), await status()]).toEqual([200, 200]);
    emu().clock.advance(30_000);
    expect(await status()).toBe(200);
    emu().clock.advance(15_000);
    // Refused again and again: none of these may push the end of the wait further.
    expect([await status(), await status(), await status()]).toEqual([429, 429, 429]);
    emu().clock.advance(15_001);
    // The two from t=0 have left the window; the one from t=30 s is still in it.
    expect([await status(), await status(), await status()]).toEqual([200, 200, 429]);
  });

  it('other methods have no route: a plain Hono 404, not a Dust envelope', async () => {
    const response = await emu().api('GET', emu().ws('/mcp/register'));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('404 Not Found');
  });

  it('mcp-9 the default limit is 100 per minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++)
      statuses.push((await register({ serverName: 'storm server' })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.at(-1)).toBe(429);
  });
});
