import { describe, expect, it } from 'vitest';

import { useEmulator } from './test-support/start.js';

describe('emulator skeleton', () => {
  const emu = useEmulator();

  it('listens on 127.0.0.1 with a free port and exposes seeds', () => {
    expect(emu().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu().port).toBeGreaterThan(0);
    expect(emu().seeds.workspaceId).toBe('0ec9852c2f');
    expect(emu().seeds.apiKey).toMatch(/^sk-[0-9a-f]{32}$/);
    expect(emu().seeds.userToken.split('.')).toHaveLength(3);
  });

  it('answers an unknown route with a plain Hono 404', async () => {
    const response = await emu().api('GET', '/api/v1/nope');
    expect(response.status).toBe(404);
  });
});
