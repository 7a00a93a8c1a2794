import { afterEach, describe, expect, it } from 'vitest';

import { CancellationTokenSource } from '../cancellation.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeRandom } from '../testing/fake-random.js';
import {
  ApprovalService,
  type ApprovalServiceOptions,
  CANCELLED_REASON,
  SHUTDOWN_REASON,
} from './approval-service.js';
import type { ApprovalDelta } from './approval-types.js';

const APPROVE = { verdict: 'approve', remember: { kind: 'once' } } as const;
const request = {
  server: 'fs',
  tool: 'write_file',
  arguments: { path: '/tmp/x' },
  agent: 'helper',
  conversationId: 'c1',
};

let service: ApprovalService | undefined;
afterEach(() => service?.dispose());

function setup(options: Partial<ApprovalServiceOptions> = {}) {
  const clock = new FakeClock();
  const deltas: ApprovalDelta[] = [];
  service = new ApprovalService({ clock, timers: clock, random: new FakeRandom(), ...options });
  service.onDidChange((delta) => deltas.push(delta));
  return { clock, deltas, service };
}

/** Records whether a promise settled, without awaiting it. */
function track<T>(promise: Promise<T>): { settled: () => boolean; value: () => T | undefined } {
  let done = false;
  let value: T | undefined;
  void promise.then((v) => {
    done = true;
    value = v;
  });
  return { settled: () => done, value: () => value };
}

describe('ApprovalService', () => {
  it('publishes the pending call with a random nonce and a deadline inside Dust’s budget', () => {
    const { clock, deltas, service } = setup();
    void service.requestApproval(request);
    expect(deltas).toHaveLength(1);
    const added = deltas[0]!;
    expect(added).toMatchObject({
      seq: 1,
      kind: 'added',
      call: {
        server: 'fs',
        tool: 'write_file',
        receivedAt: clock.now(),
        deadlineAt: clock.now() + 165_000,
      },
    });
    expect(added.kind === 'added' && added.call.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(service.snapshot()).toMatchObject({ seq: 1, pending: [{ server: 'fs' }] });
    expect(clock.pendingTimerCount).toBe(1);
  });

  it('resolves with the decision when the person decides before the deadline, and drops the timer', async () => {
    const { clock, deltas, service } = setup();
    const result = service.requestApproval({ ...request, callId: 'call-1' });
    const added = deltas[0]!;
    const nonce = added.kind === 'added' ? added.call.nonce : '';
    await clock.advance(60_000);
    expect(service.decide('call-1', nonce, APPROVE)).toMatchObject({ ok: true, repeated: false });
    await expect(result).resolves.toEqual({
      callId: 'call-1',
      decision: APPROVE,
      reason: 'Approved by you',
      by: 'user',
    });
    expect(clock.pendingTimerCount).toBe(0);
    expect(deltas.map((d) => [d.seq, d.kind])).toEqual([
      [1, 'added'],
      [2, 'decided'],
    ]);
  });

  it('denies automatically at the deadline with a clear reason', async () => {
    const { clock, deltas, service } = setup();
    const pending = track(service.requestApproval(request));
    await clock.advance(164_999);
    expect(pending.settled()).toBe(false);
    await clock.advance(1);
    expect(pending.value()).toMatchObject({
      decision: { verdict: 'deny' },
      by: 'deadline',
      reason: "No one answered before Dust's deadline",
    });
    expect(deltas[1]).toMatchObject({ seq: 2, kind: 'decided', decided: { by: 'deadline' } });
    expect(service.pendingCount).toBe(0);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('honours a shorter configured wait', async () => {
    const { clock, service } = setup({ deadlineMs: 30_000 });
    const pending = track(service.requestApproval(request));
    await clock.advance(30_000);
    expect(pending.value()).toMatchObject({ by: 'deadline' });
  });

  it('caps a longer configured wait inside Dust’s 180 s, leaving a margin', async () => {
    const { clock, service } = setup({ deadlineMs: 10 * 60_000 });
    const pending = track(service.requestApproval(request));
    await clock.advance(165_000);
    expect(pending.value()).toMatchObject({ by: 'deadline' });
  });

  it('counts the deadline from Dust’s publish time for replayed requests', async () => {
    const { clock, service } = setup();
    const pending = track(
      service.requestApproval({ ...request, publishedAt: clock.now() - 150_000 }),
    );
    await clock.advance(15_000);
    expect(pending.value()).toMatchObject({ by: 'deadline' });
  });

  it('re-arms when a timer fires before the wall clock reaches the deadline', async () => {
    const clock = new FakeClock();
    const early = {
      setTimeout: (cb: () => void, ms: number) => clock.setTimeout(cb, Math.ceil(ms / 2)),
    };
    const { service } = setup({ clock, timers: early });
    const pending = track(service.requestApproval(request));
    await clock.advance(164_999);
    expect(pending.settled()).toBe(false);
    expect(service.pendingCount).toBe(1);
    await clock.advance(1);
    expect(pending.value()).toMatchObject({ by: 'deadline' });
  });

  it('expireDue denies what the wall clock says is late, e.g. after sleep, and frees the timer', async () => {
    const { clock, service } = setup();
    const late = track(service.requestApproval(request));
    await clock.advance(100_000);
    const fresh = track(service.requestApproval(request));
    clock.jump(70_000);
    service.expireDue();
    await clock.advance(0);
    expect(late.value()).toMatchObject({ by: 'deadline' });
    expect(fresh.settled()).toBe(false);
    expect(clock.pendingTimerCount).toBe(1);
  });

  it('resolves exactly once: double and conflicting decisions do not change the result', async () => {
    const { deltas, service } = setup();
    const result = service.requestApproval({ ...request, callId: 'c' });
    const nonce = deltas[0]!.kind === 'added' ? deltas[0]!.call.nonce : '';
    expect(service.decide('c', nonce, { verdict: 'deny' })).toMatchObject({
      ok: true,
      repeated: false,
    });
    expect(service.decide('c', nonce, { verdict: 'deny' })).toMatchObject({
      ok: true,
      repeated: true,
    });
    expect(service.decide('c', nonce, APPROVE)).toEqual({ ok: false, error: 'already_decided' });
    await expect(result).resolves.toMatchObject({
      decision: { verdict: 'deny' },
      reason: 'Denied by you',
    });
    expect(deltas).toHaveLength(2);
  });

  it('rejects unknown ids and wrong nonces without settling anything', () => {
    const { service } = setup();
    const pending = track(service.requestApproval({ ...request, callId: 'c' }));
    expect(service.decide('nope', 'x', APPROVE)).toEqual({ ok: false, error: 'not_found' });
    expect(service.decide('c', 'forged', APPROVE)).toEqual({ ok: false, error: 'forbidden' });
    expect(service.pendingCount).toBe(1);
    expect(pending.settled()).toBe(false);
  });

  it('answers "expired" to a decision that comes after the deadline', async () => {
    const { clock, deltas, service } = setup();
    void service.requestApproval({ ...request, callId: 'c' });
    const nonce = deltas[0]!.kind === 'added' ? deltas[0]!.call.nonce : '';
    await clock.advance(200_000);
    expect(service.decide('c', nonce, APPROVE)).toEqual({ ok: false, error: 'expired' });
  });

  it('denies a call Dust cancelled, and stops listening to the token', async () => {
    const { clock, service } = setup();
    const source = new CancellationTokenSource();
    const result = service.requestApproval(request, source.token);
    source.cancel();
    await expect(result).resolves.toMatchObject({
      decision: { verdict: 'deny' },
      by: 'cancelled',
      reason: CANCELLED_REASON,
    });
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('denies at once when the token is already cancelled', async () => {
    const { service } = setup();
    const source = new CancellationTokenSource();
    source.cancel();
    await expect(service.requestApproval(request, source.token)).resolves.toMatchObject({
      by: 'cancelled',
    });
    expect(service.pendingCount).toBe(0);
  });

  it('cancel() reports whether the call was pending', () => {
    const { service } = setup();
    void service.requestApproval({ ...request, callId: 'c' });
    expect(service.cancel('c')).toBe(true);
    expect(service.cancel('c')).toBe(false);
  });

  it('refuses a duplicate call id', async () => {
    const { service } = setup();
    void service.requestApproval({ ...request, callId: 'c' });
    await expect(service.requestApproval({ ...request, callId: 'c' })).rejects.toThrow(
      'already known',
    );
  });

  it('dispose denies every pending call with a reason, fires the deltas, and leaves no timers', async () => {
    const { clock, deltas, service } = setup();
    const a = service.requestApproval(request);
    const b = service.requestApproval(request);
    expect(clock.pendingTimerCount).toBe(2);
    service.dispose();
    await expect(Promise.all([a, b])).resolves.toMatchObject([
      { by: 'shutdown', reason: SHUTDOWN_REASON, decision: { verdict: 'deny' } },
      { by: 'shutdown', reason: SHUTDOWN_REASON, decision: { verdict: 'deny' } },
    ]);
    expect(deltas.map((d) => d.kind)).toEqual(['added', 'added', 'decided', 'decided']);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('after dispose, denies new requests at once and fires nothing', async () => {
    const { clock, deltas, service } = setup();
    service.dispose();
    service.dispose();
    await expect(service.requestApproval(request)).resolves.toMatchObject({ by: 'shutdown' });
    expect(deltas).toEqual([]);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('keeps seq increasing across every kind of change', async () => {
    const { clock, deltas, service } = setup({ deadlineMs: 1000 });
    void service.requestApproval({ ...request, callId: 'a' });
    void service.requestApproval({ ...request, callId: 'b' });
    service.cancel('b');
    await clock.advance(1000);
    expect(deltas.map((d) => d.seq)).toEqual([1, 2, 3, 4]);
    expect(service.snapshot()).toEqual({ seq: 4, pending: [] });
  });
});
