/**
 * Preloaded (`node --require`) into the bundled dust-mcp-bridge that client "ours" runs: answers
 * the launcher's `stats` over the IPC channel with the bridge's own heap, RSS, CPU and its
 * servers' RSS. Adds nothing else to the process.
 */
import { stats } from './client-main.js';
import type { ClientStats } from './protocol.js';

process.on('message', (message: { type: string; gc?: boolean }) => {
  if (message.type === 'stats')
    process.send?.({ type: 'stats', ...stats(message.gc === true) } satisfies {
      type: 'stats';
    } & ClientStats);
});
// The channel must not keep the bridge alive on its own.
process.channel?.unref();
