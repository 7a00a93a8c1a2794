// The stdio framing the test fixture servers share: one JSON-RPC message per line, both ways.
import { createInterface } from 'node:readline';

/** Writes one message as a line on stdout. */
export const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');

/**
 * Hands each message read on stdin to `handle`; a line that is not JSON is reported on stderr and
 * skipped. `onClose` runs when stdin ends (the client went away).
 */
export function readMessages(handle, onClose) {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      handle(JSON.parse(line));
    } catch (error) {
      process.stderr.write(`bad input: ${error.message}\n`);
    }
  });
  lines.on('close', onClose);
}
