import { errorMessage } from '../core/error-message.js';
import type { TrayMenuItem } from './tray-menu.js';
import {
  type BusyFacts,
  initialUpdateState,
  mayRestartNow,
  nextCheckAt,
  reduceUpdate,
  type RestartDecision,
  type UpdateEvent,
  updateMenuItem,
  type UpdateNotice,
  updateNotice,
  type UpdateState,
} from './update-policy.js';

/** Timers are re-armed at least hourly, so a machine that slept past a due check catches up. */
export const MAX_TIMER_MS = 60 * 60_000;

/** What the runner needs from the outside: electron-updater, timers, the clock, the desktop. */
export interface UpdateRunnerDeps {
  now(): number;
  /** Starts a timer; returns its cancel function. */
  setTimer(run: () => void, ms: number): () => void;
  /** Asks the update server; the outcome arrives as events through `handle`. */
  check(): Promise<unknown>;
  /** Quits and installs the downloaded update, then starts the new version. */
  install(): void;
  /** Read at the moment of a restart request, never from a stale menu. */
  busy(): BusyFacts;
  /** Shows the one-time "ready" notice; a click on it should call `restart`. */
  announce(notice: UpdateNotice): void;
  onChange(state: UpdateState): void;
}

export interface UpdateRunner {
  /** Feeds an updater event (the adapter maps electron-updater's events to these). */
  handle(event: UpdateEvent): void;
  state(): UpdateState;
  menuItem(busy: BusyFacts): TrayMenuItem | null;
  /** Restarts into the update if `mayRestartNow` allows it now; says why not otherwise. */
  restart(): RestartDecision;
  dispose(): void;
}

/**
 * The update policy, running: schedules checks from `nextCheckAt`, folds events into state,
 * announces each downloaded version once, and gates every restart on `mayRestartNow`.
 * Everything here runs in tests with a fake clock; src-main/electron/updater.ts only connects it
 * to electron-updater and Electron's notifications.
 */
export function createUpdateRunner(deps: UpdateRunnerDeps): UpdateRunner {
  let state = initialUpdateState(deps.now());
  let cancel: (() => void) | null = null;
  let disposed = false;

  const schedule = (): void => {
    cancel?.();
    cancel = null;
    const due = nextCheckAt(state);
    if (disposed || due === null) return;
    const wait = Math.max(0, due - deps.now());
    cancel = deps.setTimer(
      () => (deps.now() >= due ? check() : schedule()),
      Math.min(wait, MAX_TIMER_MS),
    );
  };

  const handle = (event: UpdateEvent): void => {
    if (disposed) return;
    state = reduceUpdate(state, event);
    const notice = updateNotice(state);
    if (notice) {
      state = reduceUpdate(state, { type: 'announced', version: notice.version });
      deps.announce(notice);
    }
    schedule();
    deps.onChange(state);
  };

  function check(): void {
    cancel = null;
    // electron-updater emits 'checking-for-update' itself; marking it here too means a check
    // that fails before any event still ends in an error, and never leaves a timer unarmed.
    handle({ type: 'checking', at: deps.now() });
    deps
      .check()
      .catch((error: unknown) =>
        handle({ type: 'error', message: errorMessage(error), at: deps.now() }),
      );
  }

  const restart = (): RestartDecision => {
    const decision = mayRestartNow(state, deps.busy());
    if (decision.allowed && !disposed) deps.install();
    return decision;
  };

  schedule();
  return {
    handle,
    state: () => state,
    menuItem: (busy) => updateMenuItem(state, busy, () => void restart()),
    restart,
    dispose: () => {
      disposed = true;
      cancel?.();
      cancel = null;
    },
  };
}
