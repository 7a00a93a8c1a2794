/**
 * `npm run demo [-- --interval SECONDS]`: starts the demo (see demo.ts), prints the page to open,
 * and runs until Ctrl+C, which stops the agent, the app services, the local server and the
 * emulator.
 */
import { parseArgs } from 'node:util';

import { startDemo } from './demo.js';

const { values } = parseArgs({
  options: { interval: { type: 'string', default: '20' } },
  strict: true,
});
const seconds = Number(values.interval);
if (!Number.isFinite(seconds) || seconds < 1) {
  process.stderr.write('--interval must be a number of seconds (1 or more)\n');
  process.exit(2);
}

const line = (text: string) => process.stdout.write(`${text}\n`);
line('Starting the Dust emulator, the app and a sample MCP server (server-everything)…');
const demo = await startDemo({ intervalMs: seconds * 1000, log: line });
line('');
line(`Open this page in a browser:\n\n  ${demo.pageUrl}\n`);
line(
  `Every ${seconds} s the emulator's agent calls the "echo" tool of the local server; approve or deny it on the page.`,
);
line('Press Ctrl+C to stop.');

let stopping = false;
const stop = (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  line(`\n${signal}: stopping the demo…`);
  void demo.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
