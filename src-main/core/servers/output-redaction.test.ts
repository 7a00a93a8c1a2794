import { afterEach, describe, expect, it } from 'vitest';

import { resultBody } from '../dust/result-body.js';
import type { JsonRpcMessage } from '../jsonrpc.js';
import type { LocalServerSpec } from '../ports.js';
import { keepRawResult, RAW_JSON_MIN_CHARS } from '../raw-json/raw-json.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeMcpProcesses } from '../testing/fake-mcp-processes.js';
import { FakeRandom } from '../testing/fake-random.js';
import { RecordingLogger } from '../testing/recording-logger.js';
import { OutputRedaction } from './output-redaction.js';
import { ServerSupervisor } from './server-supervisor.js';

const OWN = 'sk-own-0123456789abcdef';
const OTHER = 'ghp_OTHERSERVER0123456789abcdef';
const b64 = (text: string) => btoa(text);

/** A server that puts its own secret and another server's in everything it says. */
const leakingServer = (request: JsonRpcMessage): JsonRpcMessage | undefined => {
  const reply = (result: unknown): JsonRpcMessage => ({ jsonrpc: '2.0', id: request.id, result });
  switch (request.method) {
    case 'initialize':
      return reply({
        protocolVersion: '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: `srv ${OWN}`, version: '1' },
        instructions: `use ${OTHER}`,
      });
    case 'tools/list':
      return reply({
        tools: [
          {
            name: 'echo',
            description: `key ${OWN} / ${b64(`u:${OTHER}`)}`,
            inputSchema: { type: 'object', default: OWN },
          },
        ],
      });
    case 'tools/call':
      return {
        jsonrpc: '2.0',
        id: request.id,
        error: { code: -32000, message: `denied for ${OTHER}`, data: { key: OWN } },
      };
    default:
      return reply({});
  }
};

let supervisor: ServerSupervisor | undefined;
afterEach(() => supervisor?.dispose());

describe('the supervisor as the one redaction point on the way out', () => {
  it('masks its own and every known secret in tools, handshake, answers, stderr and exit words', async () => {
    const clock = new FakeClock();
    const processes = new FakeMcpProcesses(leakingServer);
    const spec: LocalServerSpec = { command: 'srv', args: [], env: { KEY: OWN }, secrets: [OWN] };
    const lines: string[] = [];
    supervisor = new ServerSupervisor(
      {
        name: 'unit',
        spec,
        clientInfo: { name: 'tray', version: '1' },
        knownSecrets: () => [OTHER],
        autoRestart: false,
        pingIntervalMs: 0,
      },
      { processes, timers: clock, clock, random: new FakeRandom(), logger: new RecordingLogger() },
    );
    supervisor.onDidWriteStderr((line) => lines.push(line));
    supervisor.start();
    await clock.advance(0);
    const answer = await supervisor.request('tools/call', { name: 'echo' });
    const ready = { tools: supervisor.tools(), handshake: supervisor.initializeInfo() };
    expect(JSON.stringify(ready.tools)).toContain('key sk-…cdef');
    processes.last!.writeStderr(`fatal: ${OWN} rejected (${b64(OTHER)})`);
    processes.last!.exit(1);
    await clock.advance(0);

    const out = JSON.stringify([
      ready,
      answer,
      supervisor.stderrLines(),
      lines,
      supervisor.describeProblem(),
    ]);
    expect(supervisor.describeProblem()).toMatch(/exited with code 1: fatal: sk-…cdef rejected/);
    for (const leak of [OWN, OTHER, b64(OTHER), b64(`u:${OTHER}`).slice(4, 24)])
      expect(out).not.toContain(leak);
    // The process itself still gets its secret: redaction is on the way out only.
    expect(processes.last!.spec.env['KEY']).toBe(OWN);
  });
});

describe('OutputRedaction and a large result kept as the server wrote it', () => {
  const redaction = new OutputRedaction(() => [OTHER]);
  const relay = (text: string) => {
    const line = `{"jsonrpc":"2.0","id":3,"result":{"content":[{"type":"text","text":"${text}"}]}}`;
    const message = JSON.parse(line) as { jsonrpc: '2.0'; id: number; result: object };
    keepRawResult(message, line);
    const redacted = redaction.value(message);
    const body = resultBody('s', { jsonrpc: '2.0', id: 'dust', result: redacted.result });
    return { message, redacted, sent: body.parts.join(''), pieces: body.parts.length };
  };
  const filler = 'z'.repeat(RAW_JSON_MIN_CHARS);

  it('sends the written text when there is no secret in it', () => {
    const { message, redacted, pieces } = relay(filler);
    expect(redacted).toBe(message);
    expect(pieces).toBe(3);
  });

  it('masks a secret anywhere in it, and then sends the masked value, never the written text', () => {
    for (const leak of [OTHER, b64(OTHER), encodeURIComponent(`k=${OTHER}`)]) {
      const { message, redacted, sent, pieces } = relay(`${filler}${leak}${filler}`);
      expect(redacted.result).not.toBe(message.result);
      expect(pieces).toBe(1);
      expect(sent).not.toContain(OTHER);
      expect(sent).not.toContain(b64(OTHER));
    }
  });
});
