import { readFile } from 'node:fs/promises';

import type { Logger } from '../core/ports.js';
import { createNodePorts } from '../node/create-node-ports.js';
import { parseHeadlessArgs, UsageError } from './args.js';
import { HeadlessStartError, runHeadless } from './run-headless.js';

// Entry of `npm run headless`: JSON lines on stdout, diagnostics on stderr, exit 0 on SIGINT/SIGTERM.
const APP_VERSION = process.env['npm_package_version'] ?? '0.0.0';

function writeLine(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), ...record })}\n`);
}

const logger: Logger = {
  log: (level, message, fields) => {
    if (level === 'debug') return;
    process.stderr.write(`${JSON.stringify({ ts: new Date().toISOString(), level, message, ...fields })}\n`);
  },
};

async function main(): Promise<void> {
  let args;
  try {
    args = parseHeadlessArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const running = await runHeadless(args, { env: process.env, writeLine, readFile: (path) => readFile(path, 'utf8') }, { ...createNodePorts(), logger }, APP_VERSION);
  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) {
      process.stderr.write(`Second ${signal}: exiting now.\n`);
      process.exit(1);
    }
    writeLine({ event: 'signal', signal });
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof HeadlessStartError ? error.message : `Headless mode failed: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
