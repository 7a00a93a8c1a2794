import { describe, expect, it } from 'vitest';

import { CancellationTokenSource, neverCancelled } from '../../core/cancellation.js';
import type { UrlElicitationRequest } from '../../core/elicitation/url-mode.js';
import { FakeClock } from '../../core/testing/fake-clock.js';
import { InMemoryFiles } from '../../core/testing/in-memory-files.js';
import { RecordingLogger } from '../../core/testing/recording-logger.js';
import type { Confirmation } from './confirmation.js';
import { ConsentService } from './consent-service.js';
import { createOpenUrlConsent, openUrlConfirmation } from './open-url.js';
import { ScriptedConfirmer } from './scripted-confirmer.js';

const clock = new FakeClock();
const request = (fields: Partial<UrlElicitationRequest> = {}): UrlElicitationRequest => ({
  server: 'shop',
  tool: 'checkout',
  url: 'https://pay.example.com/session/42',
  host: 'pay.example.com',
  message: 'Please confirm the payment.',
  deadlineAt: clock.now() + 60_000,
  ...fields,
});

async function setup(answer: ConstructorParameters<typeof ScriptedConfirmer>[0]) {
  const confirmer = new ScriptedConfirmer(answer);
  const logger = new RecordingLogger();
  const consent = await ConsentService.load({
    confirmer,
    files: new InMemoryFiles(),
    path: 'data/confirmed-commands.json',
    logger,
  });
  const opened: string[] = [];
  const openUrl = createOpenUrlConsent({
    consent,
    opener: { open: (url) => (opened.push(url), Promise.resolve()) },
    logger,
    clock,
    timers: clock,
  });
  return { confirmer, opened, openUrl, logger };
}

describe('the "open this address?" question', () => {
  it('names the server, the tool, the host on its own line and the full address', () => {
    const question = openUrlConfirmation(request());
    expect(question).toMatchObject({
      action: 'open-url',
      title: 'Open an address in your browser?',
      message: 'Open pay.example.com for "shop"?',
      confirmLabel: 'Allow and open',
      cancelLabel: "Don't allow",
    });
    expect(question.items).toEqual([
      {
        kind: 'open-url',
        server: 'shop',
        tool: 'checkout',
        url: 'https://pay.example.com/session/42',
      },
    ]);
    expect(question.detail).toContain(
      '"shop" asks, while it runs its tool "checkout", to open this address in your browser.',
    );
    expect(question.detail).toContain('\n\nHost: pay.example.com\n\n');
    expect(question.detail).toContain('Full address:\nhttps://pay.example.com/session/42');
    expect(question.detail).toContain(
      "The server's reason (its own words): Please confirm the payment.",
    );
  });

  it('reveals invisible and direction-changing characters in the server, tool, address and reason', () => {
    const question = openUrlConfirmation(
      request({
        server: 'sh\u202Eop',
        tool: 'pay\u200B',
        url: 'https://pay.example.com/a?x=\u202E',
        message: 'ok\u2066now\u0007',
      }),
    );
    expect(question.detail).toContain('"sh⟨U+202E⟩op"');
    expect(question.detail).toContain('"pay⟨U+200B⟩"');
    expect(question.detail).toContain('?x=⟨U+202E⟩');
    expect(question.detail).toContain('ok⟨U+2066⟩now⟨U+0007⟩');
    for (const hidden of ['\u202E', '\u200B', '\u2066', '\u0007'])
      expect(question.detail).not.toContain(hidden);
  });

  it('cuts a very long address, saying how much is not shown', () => {
    const question = openUrlConfirmation(
      request({ url: `https://pay.example.com/${'a'.repeat(5000)}` }),
    );
    expect(question.detail).toMatch(/more characters not shown/);
  });
});

describe('asking, then opening exactly the confirmed address', () => {
  it('opens the address on "Allow" and answers accept', async () => {
    const { openUrl, opened, confirmer } = await setup('allow');
    expect(await openUrl(request(), neverCancelled)).toBe('accept');
    expect(opened).toEqual(['https://pay.example.com/session/42']);
    expect(confirmer.asked).toHaveLength(1);
  });

  it('opens nothing on "Don\'t allow" and answers decline', async () => {
    const { openUrl, opened } = await setup('refuse');
    expect(await openUrl(request(), neverCancelled)).toBe('decline');
    expect(opened).toEqual([]);
  });

  it('answers cancel when the call ends while the dialog is open, and a late "Allow" opens nothing', async () => {
    let say: (yes: boolean) => void = () => undefined;
    const { openUrl, opened } = await setup(
      () => new Promise<boolean>((resolve) => (say = resolve)),
    );
    const call = new CancellationTokenSource();
    const answer = openUrl(request(), call.token);
    call.cancel();
    expect(await answer).toBe('cancel');
    say(true);
    await clock.advance(0);
    expect(opened).toEqual([]);
  });

  it('answers cancel at the call\'s deadline, and a late "Allow" opens nothing', async () => {
    let say: (yes: boolean) => void = () => undefined;
    const { openUrl, opened } = await setup(
      () => new Promise<boolean>((resolve) => (say = resolve)),
    );
    const answer = openUrl(request({ deadlineAt: clock.now() + 1_000 }), neverCancelled);
    await clock.advance(1_000);
    expect(await answer).toBe('cancel');
    say(true);
    await clock.advance(0);
    expect(opened).toEqual([]);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('declines without a second dialog while another question is open (a server cannot queue dialogs)', async () => {
    let say: (yes: boolean) => void = () => undefined;
    const { openUrl, confirmer } = await setup(
      () => new Promise<boolean>((resolve) => (say = resolve)),
    );
    const first = openUrl(request(), neverCancelled);
    expect(await openUrl(request({ url: 'https://other.example/' }), neverCancelled)).toBe(
      'decline',
    );
    expect(confirmer.asked.map((question: Confirmation) => question.items[0])).toHaveLength(1);
    say(false);
    expect(await first).toBe('decline');
  });

  it('answers decline when the browser cannot open it (logged)', async () => {
    const confirmer = new ScriptedConfirmer('allow');
    const logger = new RecordingLogger();
    const consent = await ConsentService.load({
      confirmer,
      files: new InMemoryFiles(),
      path: 'p.json',
      logger,
    });
    const openUrl = createOpenUrlConsent({
      consent,
      opener: { open: () => Promise.reject(new Error('no browser')) },
      logger,
      clock,
      timers: clock,
    });
    expect(await openUrl(request(), neverCancelled)).toBe('decline');
    expect(logger.messages('warn')).toContain('Could not open the address a server asked for');
  });
});
