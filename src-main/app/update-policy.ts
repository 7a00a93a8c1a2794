import type { TrayMenuItem } from './tray-menu.js';

/**
 * When to look for updates and when the app may restart into one, as pure functions of state.
 *
 * electron-updater downloads in the background (src-main/electron/updater.ts feeds its events
 * in here); what this module decides is everything a person would notice: how often we ask
 * GitHub, how we back off when that fails, and — above all — that a restart never drops a tool
 * call. An agent waiting on an approval, or a tool running on this machine, would lose its
 * answer, so a restart is only offered while neither exists, and only on the person's click
 * (ARCHITECTURE.md#tray-conventions: never force quitAndInstall while approvals are pending).
 */

/** A daily check: releases are rare, and each check is a request to GitHub's API. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60_000;
/** The first check waits a little, so start-up (sign-in, servers) is not competing with it. */
export const FIRST_CHECK_DELAY_MS = 30_000;
/** Backoff after a failed check: 5 min, 10, 20 … capped at the daily interval. */
export const RETRY_BASE_MS = 5 * 60_000;

export type UpdatePhase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'up-to-date' }
  | { kind: 'downloading'; version: string; percent: number }
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; message: string };

export interface UpdateState {
  phase: UpdatePhase;
  startedAt: number;
  /** When the last check ended (either way); null before the first. */
  lastCheckEndedAt: number | null;
  /** Failed checks in a row; a success resets it. */
  failures: number;
  /** The version we already told the person about, so they hear about each one once. */
  announcedVersion: string | null;
}

export type UpdateEvent =
  | { type: 'checking'; at: number }
  | { type: 'available'; version: string; at: number }
  | { type: 'not-available'; at: number }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string; at: number }
  | { type: 'error'; message: string; at: number }
  | { type: 'announced'; version: string };

/** What would be lost by restarting now. */
export interface BusyFacts {
  /** Tool calls waiting for the person's approval. */
  pendingApprovals: number;
  /** Approved tool calls still running in a local MCP server. */
  runningCalls: number;
}

export function initialUpdateState(now: number): UpdateState {
  return {
    phase: { kind: 'idle' },
    startedAt: now,
    lastCheckEndedAt: null,
    failures: 0,
    announcedVersion: null,
  };
}

export function reduceUpdate(state: UpdateState, event: UpdateEvent): UpdateState {
  switch (event.type) {
    case 'checking':
      // A downloaded update stays ready while a newer one is looked for.
      return state.phase.kind === 'ready' ? state : { ...state, phase: { kind: 'checking' } };
    case 'available':
      return {
        ...state,
        phase: { kind: 'downloading', version: event.version, percent: 0 },
        failures: 0,
        lastCheckEndedAt: event.at,
      };
    case 'not-available':
      if (state.phase.kind === 'ready')
        return { ...state, failures: 0, lastCheckEndedAt: event.at };
      return { ...state, phase: { kind: 'up-to-date' }, failures: 0, lastCheckEndedAt: event.at };
    case 'progress':
      if (state.phase.kind !== 'downloading') return state;
      return {
        ...state,
        phase: { ...state.phase, percent: Math.max(0, Math.min(100, event.percent)) },
      };
    case 'downloaded':
      return { ...state, phase: { kind: 'ready', version: event.version }, failures: 0 };
    case 'error':
      // A failed check or download never loses an update that is already downloaded.
      if (state.phase.kind === 'ready') return { ...state, lastCheckEndedAt: event.at };
      // electron-updater reports one failure twice (an 'error' event and a rejected promise):
      // only an error while a check or download is in flight counts.
      if (state.phase.kind !== 'checking' && state.phase.kind !== 'downloading') return state;
      return {
        ...state,
        phase: { kind: 'failed', message: event.message },
        failures: state.failures + 1,
        lastCheckEndedAt: event.at,
      };
    case 'announced':
      return { ...state, announcedVersion: event.version };
  }
}

/** Milliseconds of backoff after `failures` failed checks in a row (0 when none failed). */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(CHECK_INTERVAL_MS, RETRY_BASE_MS * 2 ** Math.min(failures - 1, 20));
}

/**
 * When the next check is due: shortly after start, then daily, sooner after a failure (with
 * backoff), and never while one is in flight or a download is running (null: not scheduled).
 */
export function nextCheckAt(state: UpdateState): number | null {
  if (state.phase.kind === 'checking' || state.phase.kind === 'downloading') return null;
  if (state.lastCheckEndedAt === null) return state.startedAt + FIRST_CHECK_DELAY_MS;
  const wait = state.failures > 0 ? retryDelayMs(state.failures) : CHECK_INTERVAL_MS;
  return state.lastCheckEndedAt + wait;
}

export type RestartDecision = { allowed: true } | { allowed: false; reason: string };

/** May the app restart into an update now? Only when no call could be lost. */
export function mayRestartNow(state: UpdateState, busy: BusyFacts): RestartDecision {
  if (state.phase.kind !== 'ready') return { allowed: false, reason: 'no update is ready' };
  const waiting = busy.pendingApprovals + busy.runningCalls;
  if (waiting > 0) {
    return {
      allowed: false,
      reason: `waiting for ${waiting === 1 ? '1 tool call' : `${waiting} tool calls`} to finish`,
    };
  }
  return { allowed: true };
}

/**
 * The tray menu entry for an update: "Restart to update to X" when a restart is safe, the same
 * words disabled with the reason while calls are in progress, nothing otherwise.
 */
export function updateMenuItem(
  state: UpdateState,
  busy: BusyFacts,
  restart: () => void,
): TrayMenuItem | null {
  if (state.phase.kind !== 'ready') return null;
  const decision = mayRestartNow(state, busy);
  const label = `Restart to update to ${state.phase.version}`;
  return decision.allowed
    ? { type: 'normal', id: 'update:restart', label, enabled: true, click: restart }
    : {
        type: 'normal',
        id: 'update:restart',
        label: `${label} (${decision.reason})`,
        enabled: false,
      };
}

export interface UpdateNotice {
  version: string;
  title: string;
  body: string;
}

/** Tell the person once per downloaded version; they restart from the notification or the menu. */
export function updateNotice(state: UpdateState): UpdateNotice | null {
  if (state.phase.kind !== 'ready' || state.announcedVersion === state.phase.version) return null;
  const version = state.phase.version;
  return {
    version,
    title: `Dust MCP Tray ${version} is ready`,
    body: 'Restart from the tray menu when no tool call is running. It also installs when you quit.',
  };
}
