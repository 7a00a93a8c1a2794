import { readFile } from 'node:fs/promises';

import { errorMessage } from '../core/error-message.js';
import type { Logger } from '../core/ports.js';
import type { NodePorts } from '../node/create-node-ports.js';
import { type HeadlessArgs, parseHeadlessCommand, UsageError } from './args.js';
import { createHeadlessPorts } from './headless-ports.js';
import { HealthWatch } from './health-watch.js';
import { HeadlessStartError, runHeadless, type RunningHeadless } from './run-headless.js';
import { SignalGate } from './signal-gate.js';
import { StatusFile } from './status-file.js';
import { HEADLESS_USAGE } from './usage.js';

// Entry of `dust-mcp-bridge` (bundled by scripts/build-cli.mjs; `npm run headless` runs the
// bundle): JSON lines on stdout, diagnostics on stderr, exit codes as the usage says.
declare const __BRIDGE_VERSION__: string | undefined;
const VERSION =
  typeof __BRIDGE_VERSION__ === 'string'
    ? __BRIDGE_VERSION__
    : (process.env['npm_package_version'] ?? '0.0.0-dev');

/**
 * Lines written in one turn of the event loop go out in one write: under load that is one
 * syscall for many calls instead of one each (stdout to a pipe or file is synchronous on Linux).
 * Flushed on exit, so nothing is lost when the bridge ends. (Batching for 10–25 ms instead did
 * not lower the bridge's CPU per call measurably, and cost a quiet call one more timer wake-up.)
 */
const pendingLines: string[] = [];
function flushLines(): void {
  if (pendingLines.length > 0) process.stdout.write(pendingLines.splice(0).join(''));
}
process.on('exit', flushLines);

/** The time as ISO text, made once per millisecond (under load, many lines share one). */
let stampMs = Number.NaN;
let stampText = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== stampMs) {
    stampMs = ms;
    stampText = new Date(ms).toISOString();
  }
  return stampText;
}

/**
 * `{"ts":…}` followed by the record's own members (records never carry a `ts`): written around
 * the record's JSON rather than copied into a new object first, a line per call under load.
 */
function writeLine(record: Record<string, unknown>): void {
  const members = JSON.stringify(record);
  const rest = members === '{}' ? '}' : `,${members.slice(1)}`;
  pendingLines.push(`{"ts":"${isoNow()}"${rest}\n`);
  if (pendingLines.length === 1) setImmediate(flushLines);
}

const logger: Logger = {
  log: (level, message, fields) => {
    if (level === 'debug') return;
    process.stderr.write(`${JSON.stringify({ ts: isoNow(), level, message, ...fields })}\n`);
  },
};

function parseCommandLine() {
  try {
    return parseHeadlessCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const command = parseCommandLine();
  if (command.kind === 'help') {
    process.stdout.write(`${HEADLESS_USAGE}\n`);
    return;
  }
  if (command.kind === 'version') {
    process.stdout.write(`dust-mcp-bridge ${VERSION}\n`);
    return;
  }
  const { args } = command;
  const ports = createHeadlessPorts();

  // Installed before anything starts: a signal during start-up still deregisters what registered.
  const signals = new SignalGate(() => Date.now());
  const stop: { code: number | undefined; run: (() => Promise<void>) | undefined } = {
    code: undefined,
    run: undefined,
  };
  const stopWith = (code: number): void => {
    if (stop.code !== undefined) return;
    stop.code = code;
    // Should the loop run dry during the stop (our timers are unref'd), Node still exits with it.
    process.exitCode = code;
    void stop.run?.();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    const verdict = signals.receive();
    if (verdict === 'repeat') return;
    if (verdict === 'force') {
      process.stderr.write(
        `Second ${signal}: exiting now, without waiting for the servers to be deregistered.\n`,
      );
      process.exit(1);
    }
    writeLine({ event: 'signal', signal });
    stopWith(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const running = await runHeadless(
    args,
    { env: process.env, writeLine, readFile: (path) => readFile(path, 'utf8') },
    { ...ports, logger },
    VERSION,
  );
  const status = args.statusFile
    ? startStatusFile(args.statusFile, running, ports, args)
    : undefined;
  let fatalReason: string | null = null;
  const watch = new HealthWatch({
    host: running.host,
    clock: ports.clock,
    timers: ports.timers,
    random: ports.random,
    signedOutTimeoutMs: args.signedOutTimeoutMs,
    writeLine: (record) => writeLine(running.redact(record)),
    onFatal: (unsafeReason) => {
      const reason = running.redact(unsafeReason);
      fatalReason = reason;
      process.stderr.write(`${reason}\n`);
      writeLine({ event: 'fatal', reason });
      stopWith(1);
    },
  });
  stop.run = async () => {
    watch.dispose();
    status?.setPhase('stopping', fatalReason);
    await running.stop();
    status?.setPhase(stop.code === 0 ? 'stopped' : 'failed', fatalReason);
    await status?.flush();
    status?.dispose();
    process.exit(stop.code);
  };
  if (stop.code !== undefined) void stop.run();
  else status?.setPhase('running');
}

function startStatusFile(
  path: string,
  running: RunningHeadless,
  ports: NodePorts,
  args: HeadlessArgs,
): StatusFile {
  return new StatusFile({
    host: running.host,
    activity: running.activity,
    clock: ports.clock,
    timers: ports.timers,
    write: (text) => ports.files.writeTextAtomic(path, text),
    redact: running.redact,
    onWriteError: (error) =>
      logger.log('warn', `Cannot write the status file ${path}: ${errorMessage(error)}`, {}),
    info: {
      pid: process.pid,
      version: VERSION,
      dustUrl: args.dustUrl,
      workspaceId: args.workspaceId,
    },
  });
}

main().catch((error: unknown) => {
  const message =
    error instanceof HeadlessStartError
      ? error.message
      : `Headless mode failed: ${errorMessage(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
