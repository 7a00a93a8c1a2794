/**
 * What the tray shows, as pure functions of app state (no Electron: tested exhaustively here,
 * drawn by the thin adapter in src-main/electron/tray/).
 *
 * One glyph per state, distinct in shape and not in colour alone: macOS template images are
 * monochrome, and ARCHITECTURE.md#tray-conventions asks for hollow / dot / badge / pause shapes.
 */

export type TrayStatus =
  | { kind: 'signed-out' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'degraded'; reason: string }
  | { kind: 'attention'; pendingCount: number }
  | { kind: 'paused'; until: number };

export type TrayStatusKind = TrayStatus['kind'];

export const trayStatusKinds = [
  'signed-out',
  'connecting',
  'connected',
  'degraded',
  'attention',
  'paused',
] as const satisfies readonly TrayStatusKind[];

export interface TrayGlyph {
  kind: TrayStatusKind;
  /** macOS: black-on-transparent template image; `@2x` sits beside it with the same stem. */
  templateFile: string;
  /** Windows and Linux: a colour image that reads on light and dark panels. */
  colourFile: string;
  tooltip: string;
}

const APP_NAME = 'Dust MCP Tray';

/** The facts the tray status is derived from; the services engineer fills them from state. */
export interface TrayFacts {
  signedIn: boolean;
  connection: 'connecting' | 'online' | 'degraded';
  /** Why the connection or a local server is degraded, in words. */
  degradedReason?: string;
  pendingCount: number;
  pausedUntil: number | null;
  now: number;
}

/**
 * The one status the tray shows, most urgent first.
 *
 * A person waiting to approve outranks everything but being signed out (there can be no calls
 * then); pausing is shown next because it silently changes what happens to calls.
 */
export function deriveTrayStatus(facts: TrayFacts): TrayStatus {
  if (!facts.signedIn) return { kind: 'signed-out' };
  if (facts.pendingCount > 0) return { kind: 'attention', pendingCount: facts.pendingCount };
  if (facts.pausedUntil !== null && facts.pausedUntil > facts.now)
    return { kind: 'paused', until: facts.pausedUntil };
  if (facts.connection === 'connecting') return { kind: 'connecting' };
  if (facts.connection === 'degraded')
    return { kind: 'degraded', reason: facts.degradedReason ?? 'Reconnecting' };
  return { kind: 'connected' };
}

/** The status in words: the tooltip's second half and the menu's first (disabled) line. */
export function trayStatusText(status: TrayStatus, now: number): string {
  switch (status.kind) {
    case 'signed-out':
      return 'Signed out';
    case 'connecting':
      return 'Connecting to Dust…';
    case 'connected':
      return 'Connected to Dust';
    case 'degraded':
      return `Needs a look: ${oneLine(status.reason, 80)}`;
    case 'attention':
      return status.pendingCount === 1
        ? '1 tool call waiting for you'
        : `${status.pendingCount} tool calls waiting for you`;
    case 'paused':
      return `Approvals paused, resuming in ${minutesLeft(status.until, now)} min`;
  }
}

export function trayGlyph(status: TrayStatus, now: number): TrayGlyph {
  return {
    kind: status.kind,
    templateFile: `tray-${status.kind}Template.png`,
    colourFile: `tray-${status.kind}.png`,
    tooltip: `${APP_NAME} — ${trayStatusText(status, now)}`,
  };
}

/** Whole minutes left, rounded up, never below 1 while still paused. */
export function minutesLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000));
}

/**
 * Characters that change how text reads without being seen: bidi embeddings, overrides and
 * isolates, direction marks, zero-width ones. A tool named `invoice\u202Efdp.exe` reads as
 * `invoiceexe.pdf`; the window marks them (reveal-invisible.ts), the tray and notifications —
 * plain text drawn by the OS — drop them.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff\u180e]/g;

/**
 * Text from elsewhere (agent, tool and server names) made safe for one menu or tooltip line:
 * bidi and zero-width characters are dropped, control characters and line breaks become spaces,
 * long text ends with an ellipsis.
 */
export function oneLine(text: string, max: number): string {
  const flat = text
    .replace(INVISIBLE, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
