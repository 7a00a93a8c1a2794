import { describe, expect, it } from 'vitest';

import { createEventHub } from '../app/event-hub.js';
import { createHandlers } from '../app/handlers.js';
import { createIpcRouter } from '../app/ipc-router.js';
import type { AppServices } from '../app/services/create-services.js';
import { createLateRouter } from './boot-services.js';

describe('createLateRouter', () => {
  it('answers app info at once and holds service calls until the services are attached', async () => {
    const late = createLateRouter({ name: 'Dust MCP Tray', version: '1.0.0' });
    await expect(late.router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: true,
      value: { name: 'Dust MCP Tray', version: '1.0.0' },
    });
    const early = late.router.dispatch('grants:list', undefined);
    const app = { grants: { grants: [] } } as unknown as AppServices;
    const appInfo = { name: 'Dust MCP Tray', version: '1.0.0' };
    late.attach({
      router: createIpcRouter(
        createHandlers({ appInfo, services: { app, hub: createEventHub() } }),
      ),
    });
    await expect(early).resolves.toEqual({ ok: true, value: [] });
    await expect(late.router.dispatch('nope:nope', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });
});
