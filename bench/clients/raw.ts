/**
 * Client "raw": the limit of the emulator on this machine. The raw relay (raw-relay.ts) with the
 * tools answered in-process: no validation, no policy, no child process.
 */
import { ExecutionLedger } from '../fixtures/bench-tools.js';
import { runClient } from './client-main.js';
import { startRawRelay } from './raw-relay.js';

const text = (value: string) => ({ content: [{ type: 'text', text: value }] });

runClient((start) => {
  const ledger = new ExecutionLedger();
  return startRawRelay(start, async (_index, name, args) => {
    const value = typeof args['text'] === 'string' ? args['text'] : undefined;
    if (name === 'stats') return text(JSON.stringify(ledger.take()));
    ledger.record(value);
    if (name === 'sleep')
      await new Promise((resolve) => setTimeout(resolve, Number(args['ms'] ?? 0)));
    return text(value ?? '');
  });
});
