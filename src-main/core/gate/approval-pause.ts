import { Emitter } from '../emitter.js';
import { Disposable, MutableDisposable } from '../lifecycle.js';
import type { Clock, Timers } from '../ports.js';

/**
 * "Pause approvals for 15 min" from the tray: while paused, a call that would ask a person is
 * denied at once with the reason, instead of waiting for someone who said they are away. Rules
 * and grants keep allowing what they allow. The pause ends by itself.
 */
export class ApprovalPause extends Disposable {
  private until: number | undefined;
  private readonly timer = this._register(new MutableDisposable());
  private readonly _onDidChange = this._register(new Emitter<number | undefined>());
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
  ) {
    super();
  }

  /** Epoch ms the pause ends, or undefined when not paused. */
  get pausedUntil(): number | undefined {
    return this.until !== undefined && this.until > this.clock.now() ? this.until : undefined;
  }

  pause(minutes: number): void {
    if (!(minutes > 0)) throw new RangeError('A pause lasts a positive number of minutes');
    this.until = this.clock.now() + minutes * 60_000;
    this.timer.value = this.timers.setTimeout(() => this.resume(), minutes * 60_000);
    this._onDidChange.fire(this.until);
  }

  resume(): void {
    if (this.until === undefined) return;
    this.until = undefined;
    this.timer.clear();
    this._onDidChange.fire(undefined);
  }
}
