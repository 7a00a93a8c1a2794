import { describe, expect, it } from 'vitest';

import { fileSystemError } from '../core/file-system-error.js';
import { createHandlers } from './handlers.js';
import { createIpcRouter, HandlerError } from './ipc-router.js';
import { logUnexpectedIpcError } from './unexpected-errors.js';

const appInfo = { name: 'Dust MCP Tray', version: '1.2.3' };

describe('ipc router', () => {
  it('answers a known channel with the handler value in an ok envelope', async () => {
    const router = createIpcRouter(createHandlers({ appInfo }));
    await expect(router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: true,
      value: appInfo,
    });
  });

  it('rejects an unknown channel without calling anything', async () => {
    const router = createIpcRouter(createHandlers({ appInfo }));
    const result = await router.dispatch('fs:readFile', '/etc/passwd');
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('rejects channel names that are not own keys of the contract', async () => {
    const router = createIpcRouter(createHandlers({ appInfo }));
    for (const channel of ['__proto__', 'constructor', 'toString', 42, null]) {
      const result = await router.dispatch(channel, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('rejects input that does not match the schema, naming the problem', async () => {
    const router = createIpcRouter(createHandlers({ appInfo }));
    const result = await router.dispatch('app:getInfo', { sneaky: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_input');
      expect(result.error.message).toContain('app:getInfo');
    }
  });

  it('maps a HandlerError to its code and hides unexpected errors', async () => {
    const failing = createIpcRouter({
      ...createHandlers({ appInfo }),
      'app:getInfo': () => {
        throw new HandlerError('offline', 'Dust cannot be reached.');
      },
    });
    await expect(failing.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'offline', message: 'Dust cannot be reached.' },
    });
    const crashing = createIpcRouter({
      ...createHandlers({ appInfo }),
      'app:getInfo': () => {
        throw new Error('secret stack detail at /home/ada/token');
      },
    });
    const result = await crashing.dispatch('app:getInfo', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret stack detail');
  });

  it('refuses to send an output that breaks the contract', async () => {
    const router = createIpcRouter({
      ...createHandlers({ appInfo }),
      'app:getInfo': () => ({ name: 'x', version: 1 }) as unknown as typeof appInfo,
    });
    const result = await router.dispatch('app:getInfo', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('ipc router, unexpected errors', () => {
  const SECRET = 'sk-live-ROUTERLOG-0123456789abcdef';

  it('logs an unexpected handler error once, with known secrets masked (raw and base64), and answers without it', async () => {
    const lines: string[] = [];
    const logger = {
      log: (level: string, message: string, fields?: Record<string, unknown>) =>
        void lines.push(`${level} ${message} ${JSON.stringify(fields)}`),
    };
    const handlers = createHandlers({ appInfo });
    const router = createIpcRouter(
      {
        ...handlers,
        'app:getInfo': () => {
          throw new TypeError(
            `cannot read ${SECRET} / ${Buffer.from(`u:${SECRET}`).toString('base64')}`,
          );
        },
      },
      { onUnexpectedError: logUnexpectedIpcError(logger, () => [SECRET]) },
    );
    await expect(router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong while handling app:getInfo.' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^error An IPC handler failed unexpectedly .*"channel":"app:getInfo".*TypeError: cannot read/,
    );
    expect(lines[0]).not.toContain(SECRET);
    expect(lines[0]).not.toContain(Buffer.from(SECRET).toString('base64').slice(4, 20));
  });

  it('passes a full or read-only disk on in words', async () => {
    const router = createIpcRouter({
      ...createHandlers({ appInfo }),
      'app:getInfo': () => {
        const error = fileSystemError('save', '/data/settings.json', 'ENOSPC');
        if (!error) throw new Error('ENOSPC has no words');
        throw error;
      },
    });
    await expect(router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          'Could not save /data/settings.json: the disk is full. Free some space and try again. (ENOSPC)',
      },
    });
  });

  it('does not let HandlerErrors (answers on purpose) reach the log', async () => {
    const lines: unknown[] = [];
    const router = createIpcRouter(
      {
        ...createHandlers({ appInfo }),
        'app:getInfo': () => {
          throw new HandlerError('not_found', 'No.');
        },
      },
      { onUnexpectedError: () => lines.push(1) },
    );
    await router.dispatch('app:getInfo', undefined);
    expect(lines).toEqual([]);
  });
});
