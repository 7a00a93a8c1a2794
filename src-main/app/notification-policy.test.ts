import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  approvalNotification,
  elicitationNotification,
  type NotifyContext,
  shouldNotify,
} from './notification-policy.js';
import { type TrayMenuActions, trayMenuTemplate } from './tray-menu.js';

const quietless: NotifyContext = {
  windowFocused: false,
  doNotDisturb: false,
  notificationsEnabled: true,
  approvalsPaused: false,
  alreadyNotified: false,
};

describe('shouldNotify', () => {
  it('notifies when nothing says to stay quiet', () => {
    expect(shouldNotify(quietless)).toBe(true);
  });

  it.each(['windowFocused', 'doNotDisturb', 'approvalsPaused', 'alreadyNotified'] as const)(
    'stays quiet when %s',
    (key) => {
      expect(shouldNotify({ ...quietless, [key]: true })).toBe(false);
    },
  );

  it('stays quiet when notifications are off', () => {
    expect(shouldNotify({ ...quietless, notificationsEnabled: false })).toBe(false);
  });

  it('notifies only in the one all-clear case, over every combination', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (a, b, c, d, e) => {
          const context = {
            windowFocused: a,
            doNotDisturb: b,
            notificationsEnabled: c,
            approvalsPaused: d,
            alreadyNotified: e,
          };
          expect(shouldNotify(context)).toBe(!a && !b && c && !d && !e);
        },
      ),
    );
  });
});

describe('approvalNotification', () => {
  it('names the agent, the tool and the server, and carries the request to open', () => {
    expect(
      approvalNotification({
        requestId: 'req-9',
        agentName: '@research',
        toolName: 'read_file',
        serverName: 'filesystem',
      }),
    ).toEqual({
      title: '@research wants to use read_file',
      body: 'On filesystem. Click to review and approve or deny.',
      requestId: 'req-9',
    });
  });

  it('keeps names from elsewhere on one bounded line', () => {
    const notification = approvalNotification({
      requestId: 'r',
      agentName: 'a\nb',
      toolName: 't'.repeat(500),
      serverName: 's\u0000',
    });
    expect(notification.title).not.toContain('\n');
    expect(notification.title.length).toBeLessThan(120);
    expect(notification.body).toBe('On s. Click to review and approve or deny.');
  });
});

describe('bidi and zero-width characters in notification and tray text', () => {
  const hostile = {
    requestId: 'r1',
    agentName: 'Help\u200Ber',
    toolName: 'invoice\u202Efdp.exe',
    serverName: 'fs\u2066\u2069\uFEFF',
  };

  it('are dropped from notifications (the OS draws them as plain text)', () => {
    const notification = approvalNotification(hostile);
    expect(notification.title).toBe('Helper wants to use invoicefdp.exe');
    expect(notification.body).toBe('On fs. Click to review and approve or deny.');
    expect(JSON.stringify(notification)).not.toMatch(
      /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/,
    );
  });

  it('are dropped from the tray menu', () => {
    const items = trayMenuTemplate(
      {
        status: { kind: 'attention', pendingCount: 1 },
        now: 0,
        pending: [hostile],
        servers: [{ id: 'fs', name: 'fs\u202E', enabled: true, state: 'running' }],
        startAtLogin: { supported: false, enabled: false },
      },
      new Proxy({}, { get: () => () => undefined }) as TrayMenuActions,
    );
    expect(JSON.stringify(items)).not.toMatch(
      /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/,
    );
  });
});
describe('elicitationNotification', () => {
  it("names the server and the running tool, on one line, and opens the form's request view", () => {
    expect(
      elicitationNotification({
        id: 'e1',
        server: 'everything',
        tool: 'trigger-elicitation-request',
      }),
    ).toEqual({
      title: 'everything asks you a question',
      body: 'While running trigger-elicitation-request. Click to answer it in Dust MCP Tray.',
      requestId: 'e1',
    });
    expect(elicitationNotification({ id: 'e2', server: 'a\nb', tool: undefined }).title).toBe(
      'a b asks you a question',
    );
  });
});
