import { afterEach, describe, expect, it } from 'vitest';

import { ApprovalService } from '../core/approvals/approval-service.js';
import { FakeClock } from '../core/testing/fake-clock.js';
import { FakeRandom } from '../core/testing/fake-random.js';
import { ApprovalNotices, NOTICE_QUIET_MS } from './approval-notices.js';
import type { ApprovalNotification } from './notification-policy.js';

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

function setup(context: { windowFocused?: boolean } = {}) {
  const clock = new FakeClock();
  const approvals = new ApprovalService({ clock, timers: clock, random: new FakeRandom() });
  const shown: ApprovalNotification[] = [];
  const closed: string[] = [];
  const onScreen = new Map<string, ApprovalNotification>();
  const notices = new ApprovalNotices({
    approvals,
    clock,
    timers: clock,
    sink: {
      show: (notification) => {
        shown.push(notification);
        onScreen.set(notification.requestId, notification);
      },
      close: (requestId) => {
        closed.push(requestId);
        onScreen.delete(requestId);
      },
    },
    context: () => ({
      windowFocused: context.windowFocused ?? false,
      doNotDisturb: false,
      notificationsEnabled: true,
      approvalsPaused: false,
    }),
  });
  disposables.push(notices, approvals);
  const ask = (i: number) =>
    void approvals.requestApproval({
      callId: `c${i}`,
      server: 'fs',
      tool: `tool_${i}`,
      arguments: {},
      agent: 'Helper',
    });
  return { clock, approvals, shown, closed, onScreen, ask };
}

describe('ApprovalNotices', () => {
  it('names the first call, then folds a burst of 3,000 into one "N calls waiting" notification', async () => {
    const { clock, shown, onScreen, ask } = setup();
    ask(0);
    expect(shown).toEqual([
      {
        title: 'Helper wants to use tool_0',
        body: expect.stringContaining('On fs.'),
        requestId: 'c0',
      },
    ]);
    for (let i = 1; i < 3000; i++) ask(i);
    expect(shown).toHaveLength(1);
    await clock.advance(NOTICE_QUIET_MS);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toEqual({
      title: '3000 calls waiting for you',
      body: 'Latest: Helper wants tool_2999 on fs. Click to review.',
      requestId: 'c0',
    });
    expect([...onScreen.keys()]).toEqual(['c0']);
    await clock.advance(NOTICE_QUIET_MS * 5);
    expect(shown).toHaveLength(2);
  });

  it('closes the notification once what it counted is answered, without popping up again', async () => {
    const { clock, approvals, shown, onScreen, ask } = setup();
    ask(0);
    ask(1);
    await clock.advance(NOTICE_QUIET_MS);
    expect(onScreen.size).toBe(1);
    const [first, second] = approvals.snapshot().pending;
    approvals.decide(second!.callId, second!.nonce, { verdict: 'deny' });
    expect(onScreen.size).toBe(1);
    approvals.decide(first!.callId, first!.nonce, { verdict: 'deny' });
    expect(onScreen.size).toBe(0);
    expect(shown).toHaveLength(2);
  });

  it('stays quiet while the window is in front', () => {
    const { shown, ask } = setup({ windowFocused: true });
    ask(0);
    ask(1);
    expect(shown).toEqual([]);
  });
});
