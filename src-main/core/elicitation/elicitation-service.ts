/**
 * Elicitations waiting for the person: a local server's `elicitation/create` during a tool call,
 * shown in the window as a form. Each settles exactly once: the person's Accept (with checked
 * content), Decline or Cancel; the deadline (cancel); the tool call ending or Dust cancelling it
 * (cancel); or shutdown (cancel). One timer per pending form, released when it settles.
 *
 * What the person typed goes to the server and nowhere else: it is not logged, not kept, and not
 * sent back to the window in any event.
 */
import { type CancellationToken, neverCancelled } from '../cancellation.js';
import { Emitter, type Event } from '../emitter.js';
import { Disposable, DisposableStore } from '../lifecycle.js';
import type { Clock, Random, Timers } from '../ports.js';
import { checkFormContent, type FormField, type FormValue } from './form-schema.js';

export interface ElicitationRequest {
  server: string;
  /** The tool whose call asked, when known. */
  tool: string | undefined;
  message: string;
  fields: FormField[];
  /** Epoch ms; inside the tool call's own budget. */
  deadlineAt: number;
}

export interface PendingElicitation extends ElicitationRequest {
  id: string;
  /** Minted here; the window must echo it, so a compromised page cannot answer other forms. */
  nonce: string;
  receivedAt: number;
}

export type ElicitationResponse =
  | { action: 'accept'; content: Record<string, FormValue> }
  | { action: 'decline' }
  | { action: 'cancel' };

export type ElicitationSettledBy = 'user' | 'deadline' | 'cancelled' | 'shutdown';

export type ElicitationDelta =
  | { kind: 'added'; elicitation: PendingElicitation }
  | {
      kind: 'settled';
      id: string;
      action: ElicitationResponse['action'];
      by: ElicitationSettledBy;
    };

export type AnswerOutcome =
  { ok: true } | { ok: false; error: 'not_found' | 'forbidden' | 'bad_input'; message: string };

interface Entry {
  pending: PendingElicitation;
  resolve: (response: ElicitationResponse) => void;
  owned: DisposableStore;
}

export class ElicitationService extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly _onDidChange = this._register(new Emitter<ElicitationDelta>());
  readonly onDidChange: Event<ElicitationDelta> = this._onDidChange.event;
  private shutDown = false;

  constructor(private readonly deps: { clock: Clock; timers: Timers; random: Random }) {
    super();
  }

  pending(): PendingElicitation[] {
    return [...this.entries.values()].map((entry) => entry.pending);
  }

  /** Shows the form; resolves once with the person's answer or `cancel`. Never rejects. */
  ask(
    request: ElicitationRequest,
    cancellation: CancellationToken = neverCancelled,
  ): Promise<ElicitationResponse> {
    if (this.shutDown || cancellation.isCancelled) return Promise.resolve({ action: 'cancel' });
    const { clock, random, timers } = this.deps;
    const pending: PendingElicitation = {
      ...request,
      id: random.hex(8),
      nonce: random.hex(16),
      receivedAt: clock.now(),
    };
    return new Promise((resolve) => {
      const owned = new DisposableStore();
      this.entries.set(pending.id, { pending, resolve, owned });
      owned.add(
        timers.setTimeout(
          () => this.settle(pending.id, { action: 'cancel' }, 'deadline'),
          Math.max(0, pending.deadlineAt - clock.now()),
        ),
      );
      owned.add(
        cancellation.onCancelled(() => this.settle(pending.id, { action: 'cancel' }, 'cancelled')),
      );
      this._onDidChange.fire({ kind: 'added', elicitation: pending });
    });
  }

  /** The person's answer, from the window (shape already checked by the IPC schema). */
  answer(
    id: string,
    nonce: string,
    response:
      { action: 'accept'; content: Record<string, unknown> } | { action: 'decline' | 'cancel' },
  ): AnswerOutcome {
    const entry = this.entries.get(id);
    if (!entry)
      return {
        ok: false,
        error: 'not_found',
        message: 'This form is no longer waiting (it was answered, or its time ran out).',
      };
    if (entry.pending.nonce !== nonce)
      return { ok: false, error: 'forbidden', message: 'This answer does not match the form.' };
    if (response.action !== 'accept') {
      this.settle(id, { action: response.action }, 'user');
      return { ok: true };
    }
    const checked = checkFormContent(entry.pending.fields, response.content);
    if (!checked.ok) return { ok: false, error: 'bad_input', message: checked.problem };
    this.settle(id, { action: 'accept', content: checked.content }, 'user');
    return { ok: true };
  }

  override dispose(): void {
    this.shutDown = true;
    for (const id of [...this.entries.keys()]) this.settle(id, { action: 'cancel' }, 'shutdown');
    super.dispose();
  }

  private settle(id: string, response: ElicitationResponse, by: ElicitationSettledBy): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    entry.owned.dispose();
    entry.resolve(response);
    this._onDidChange.fire({ kind: 'settled', id, action: response.action, by });
  }
}
