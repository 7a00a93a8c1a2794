import { expect, type Page, test } from '@playwright/test';

import type { WindowApi } from '../../../src-main/shared/window-api.js';
import { type AppHarness, startAppHarness } from '../../harness/app-harness.js';
import { everythingServer } from '../../harness/sample-servers.js';

let app: AppHarness;

test.beforeAll(async () => {
  app = await startAppHarness({ mcpServers: { everything: everythingServer() } });
});
test.afterAll(async () => {
  await app.close();
});

const api = (page: Page) => page.evaluate.bind(page);

test('a tool call travels emulator → core → harness → page, and the page’s approval travels back', async ({
  page,
}) => {
  await page.goto(app.pageUrl);
  await api(page)(async () => {
    const bridge = (window as unknown as { api: WindowApi }).api;
    const scope = window as unknown as { pending: unknown[] };
    scope.pending = [];
    bridge.on('approvals:changed', (message) => {
      if (message.payload.kind === 'added') scope.pending.push(message.payload.call);
    });
    await bridge.app.rendererReady();
    await bridge.auth.startSignIn();
  });
  await expect
    .poll(
      () =>
        api(page)(
          async () =>
            (await (window as unknown as { api: WindowApi }).api.auth.snapshot()).value.state.kind,
        ),
      { timeout: 20_000 },
    )
    .toBe('signed-in');
  const serverId = await expect
    .poll(
      () =>
        api(page)(async () => {
          const servers = (await (window as unknown as { api: WindowApi }).api.servers.snapshot())
            .value;
          const everything = servers.find((server) => server.name === 'everything');
          return everything?.dust.state === 'streaming' && everything.local.state === 'ready'
            ? everything.dust.serverId
            : undefined;
        }),
      { timeout: 20_000 },
    )
    .toMatch(/^mcp-client-side:/)
    .then(() =>
      api(page)(
        async () =>
          (await (window as unknown as { api: WindowApi }).api.servers.snapshot()).value[0]!.dust
            .serverId!,
      ),
    );

  const { emulator } = app;
  const call = emulator.agent.callTool({
    workspaceId: emulator.seeds.workspaceId,
    userId: emulator.seeds.users.ada.sId,
    serverId,
    conversationId: 'conv1',
    messageId: 'msg1',
    toolName: 'echo',
    arguments: { message: 'through the page' },
  });
  await expect
    .poll(() => api(page)(() => (window as unknown as { pending: unknown[] }).pending.length))
    .toBe(1);
  const decided = await api(page)(async () => {
    const bridge = (window as unknown as { api: WindowApi }).api;
    const [pending] = (
      window as unknown as {
        pending: Array<{ callId: string; nonce: string; tool: string; arguments: unknown }>;
      }
    ).pending;
    await bridge.approvals.decide({
      callId: pending!.callId,
      nonce: pending!.nonce,
      decision: { verdict: 'approve', remember: { kind: 'once' } },
    });
    return { tool: pending!.tool, arguments: pending!.arguments };
  });
  expect(decided).toEqual({ tool: 'echo', arguments: { message: 'through the page' } });
  await expect(call).resolves.toMatchObject({
    ok: true,
    result: { content: [{ text: expect.stringContaining('through the page') }] },
  });

  const forged = await api(page)(async () => {
    try {
      await (window as unknown as { api: WindowApi }).api.approvals.decide({
        callId: 'nope',
        nonce: 'nope',
        decision: { verdict: 'approve', remember: { kind: 'always' } },
      });
      return 'accepted';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  });
  expect(forged).toBe('not_found');
});
