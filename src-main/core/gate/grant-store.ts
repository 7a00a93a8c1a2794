import { Emitter } from '../emitter.js';
import { Disposable } from '../lifecycle.js';
import {
  addGrant,
  consumeGrant,
  expireGrants,
  type Grant,
  revokeAllGrants,
  revokeGrant,
} from '../policy/grants.js';

/**
 * The live list of grants, around the pure functions of policy/grants.ts.
 *
 * Fires `onDidChange` only when the list really changed (the pure functions return the same
 * array otherwise), so persistence writes only when needed.
 */
export class GrantStore extends Disposable {
  private current: readonly Grant[];
  private readonly _onDidChange = this._register(new Emitter<readonly Grant[]>());
  readonly onDidChange = this._onDidChange.event;

  constructor(initial: readonly Grant[] = []) {
    super();
    this.current = initial;
  }

  get grants(): readonly Grant[] {
    return this.current;
  }

  add(grant: Grant): void {
    this.update(addGrant(this.current, grant));
  }

  consume(id: string): void {
    this.update(consumeGrant(this.current, id));
  }

  revoke(id: string): void {
    this.update(revokeGrant(this.current, id));
  }

  revokeAll(filter: { server?: string; tool?: string } = {}): void {
    this.update(revokeAllGrants(this.current, filter));
  }

  expire(now: number): readonly Grant[] {
    this.update(expireGrants(this.current, now));
    return this.current;
  }

  private update(next: readonly Grant[]): void {
    if (next === this.current) return;
    this.current = next;
    this._onDidChange.fire(next);
  }
}
