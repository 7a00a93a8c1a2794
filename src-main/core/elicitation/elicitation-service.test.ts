import { describe, expect, it } from 'vitest';

import { CancellationTokenSource } from '../cancellation.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeRandom } from '../testing/fake-random.js';
import { type ElicitationDelta, ElicitationService } from './elicitation-service.js';

function setup() {
  const clock = new FakeClock();
  const service = new ElicitationService({ clock, timers: clock, random: new FakeRandom() });
  const deltas: ElicitationDelta[] = [];
  service.onDidChange((delta) => deltas.push(delta));
  const ask = (cancellation?: CancellationTokenSource) =>
    service.ask(
      {
        server: 'everything',
        tool: 'trigger',
        message: 'Name?',
        fields: [{ kind: 'string', name: 'name', title: 'Name', required: true }],
        deadlineAt: clock.now() + 10_000,
      },
      cancellation?.token,
    );
  return { clock, service, deltas, ask };
}

describe('ElicitationService', () => {
  it("settles once with the person's checked answer; a wrong nonce or bad content is refused", async () => {
    const { service, deltas, ask } = setup();
    const answer = ask();
    const form = service.pending()[0]!;
    expect(service.answer(form.id, 'wrong', { action: 'decline' })).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(service.answer(form.id, form.nonce, { action: 'accept', content: {} })).toEqual({
      ok: false,
      error: 'bad_input',
      message: 'Name is required',
    });
    expect(
      service.answer(form.id, form.nonce, { action: 'accept', content: { name: 'Ada' } }),
    ).toEqual({ ok: true });
    await expect(answer).resolves.toEqual({ action: 'accept', content: { name: 'Ada' } });
    expect(service.answer(form.id, form.nonce, { action: 'decline' })).toMatchObject({
      ok: false,
      error: 'not_found',
    });
    // The settled event carries the action only, never what was typed.
    expect(deltas.map((delta) => delta.kind)).toEqual(['added', 'settled']);
    expect(JSON.stringify(deltas[1])).not.toContain('Ada');
  });

  it('cancels at the deadline, when the call is cancelled, and at shutdown', async () => {
    const { clock, service, deltas, ask } = setup();
    const late = ask();
    await clock.advance(10_000);
    await expect(late).resolves.toEqual({ action: 'cancel' });
    const source = new CancellationTokenSource();
    const withdrawn = ask(source);
    source.cancel();
    await expect(withdrawn).resolves.toEqual({ action: 'cancel' });
    const open = ask();
    service.dispose();
    await expect(open).resolves.toEqual({ action: 'cancel' });
    expect(
      deltas
        .filter((delta) => delta.kind === 'settled')
        .map((delta) => (delta.kind === 'settled' ? delta.by : '')),
    ).toEqual(['deadline', 'cancelled', 'shutdown']);
    expect(service.pending()).toEqual([]);
  });
});
