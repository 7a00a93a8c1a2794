/**
 * The last agent the person asked, kept across restarts in the page's own storage.
 *
 * It is a convenience, not state that matters: storage may be unavailable (a locked-down
 * profile), so every failure reads as "nothing remembered".
 */
const KEY = 'dust-mcp-tray.ask.lastAgent';

export function rememberedAgent(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberAgent(agentId: string): void {
  try {
    globalThis.localStorage?.setItem(KEY, agentId);
  } catch {
    // Not remembered this time; the picker falls back to the first agent.
  }
}
