import type { IpcMainInvokeEvent } from 'electron';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { IpcRouter } from '../../app/ipc-router.js';
import { bindIpcTransport, type IpcMainLike } from './ipc-transport.js';
import { SenderGuard } from './sender-guard.js';

const PAGE = 'file:///app/out/renderer/index.html';

/** The sender check stays in the transport: no untrusted event ever reaches the router. */
describe('electron ipc transport fuzz', () => {
  it('forbids every sender that is not a trusted window on the app page', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipc: IpcMainLike = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const guard = new SenderGuard(PAGE);
    guard.trust({ id: 1, once: () => undefined });
    let dispatched = 0;
    const router: IpcRouter = {
      dispatch: () => {
        dispatched++;
        return Promise.resolve({ ok: true, value: undefined });
      },
    };
    bindIpcTransport(ipc, router, guard);
    const urls = fc.oneof(
      fc.webUrl({ withFragments: true, withQueryParameters: true }),
      fc.constantFrom(
        `${PAGE}.evil`,
        `${PAGE}?q`,
        'file:///app/out/renderer/other.html',
        'about:blank',
        'devtools://x',
      ),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...handlers.keys()),
        fc.integer({ min: -5, max: 50 }),
        fc.option(urls, { nil: null }),
        fc.array(fc.anything(), { maxLength: 3 }),
        async (channel, senderId, url, args) => {
          fc.pre(!(senderId === 1 && url === PAGE));
          const before = dispatched;
          const event = {
            sender: { id: senderId },
            senderFrame: url === null ? null : { url },
          } as unknown as IpcMainInvokeEvent;
          const result = await handlers.get(channel)!(event, ...args);
          if (senderId === 1 && url !== null && url.startsWith(`${PAGE}#`)) return;
          expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
          expect(dispatched).toBe(before);
        },
      ),
      { numRuns: 500 },
    );
  });
});
