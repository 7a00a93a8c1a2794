import { describe, expect, it } from 'vitest';

import { createEventHub } from '../app/event-hub.js';
import { createLateRouter } from './boot-services.js';
import type { ShellServices } from './shell-services.js';

describe('createLateRouter', () => {
  it('answers app info at once and holds service calls until the services are attached', async () => {
    const late = createLateRouter({ name: 'Dust MCP Tray', version: '1.0.0' });
    await expect(late.router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: true,
      value: { name: 'Dust MCP Tray', version: '1.0.0' },
    });
    const early = late.router.dispatch('grants:list', undefined);
    const services = { app: { grants: { grants: [] } } } as unknown as ShellServices;
    late.attach(services, createEventHub());
    await expect(early).resolves.toEqual({ ok: true, value: [] });
    await expect(late.router.dispatch('nope:nope', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });
});
