import { describe, expect, it } from 'vitest';

import type { JsonRpcResponse } from '../jsonrpc.js';
import { keepRawResult, RAW_JSON_MIN_CHARS, rawJsonOf } from '../raw-json/raw-json.js';
import { FakeClock } from '../testing/fake-clock.js';
import { FakeRandom } from '../testing/fake-random.js';
import { type ScriptedAnswer, ScriptedHttp } from '../testing/scripted-http.js';
import { DustApi } from './dust-api.js';
import { DustHttp } from './dust-http.js';
import { ResultPoster } from './result-poster.js';

function setup(answers: ScriptedAnswer[]) {
  const clock = new FakeClock();
  const http = new ScriptedHttp(() => answers.shift() ?? { status: 200, body: { success: true } });
  const dustHttp = new DustHttp(
    { baseUrl: 'https://dust.test', userAgent: 'test' },
    {
      getAccessToken: () => Promise.resolve('t'),
      refreshAfterRejection: () => Promise.resolve(null),
    },
    http,
    clock,
  );
  const poster = new ResultPoster(new DustApi(dustHttp, 'w1'), clock, new FakeRandom([0.5]));
  const bodies = () =>
    http.requests.map(
      (request) =>
        JSON.parse(request.body ?? request.bodyParts!.join('')) as {
          serverId: string;
          result: unknown;
        },
    );
  return { clock, http, poster, bodies };
}

const response = {
  jsonrpc: '2.0' as const,
  id: 'mcp_req_a_b_c_1',
  result: { content: [{ type: 'text', text: 'x' }] },
};
const dustError = (status: number, type: string) => ({
  status,
  body: { error: { type, message: type } },
});

describe('ResultPoster', () => {
  it('posts {serverId, result} with the response untouched', async () => {
    const { poster, bodies } = setup([]);
    await expect(poster.post('s1', response)).resolves.toEqual({ kind: 'delivered', attempts: 1 });
    expect(bodies()).toEqual([{ serverId: 's1', result: response }]);
  });

  it('retries 5xx and 429 (honouring Retry-After) until delivered', async () => {
    const { clock, poster, http } = setup([
      dustError(503, 'service_unavailable'),
      { ...dustError(429, 'rate_limit_error'), headers: { 'retry-after': '2' } },
    ]);
    const outcome = poster.post('s1', response);
    await clock.advance(10_000);
    await expect(outcome).resolves.toEqual({ kind: 'delivered', attempts: 3 });
    expect(http.requests).toHaveLength(3);
  });

  it('gives up after the last attempt, saying why', async () => {
    const { clock, poster } = setup(
      Array.from({ length: 10 }, () => dustError(500, 'internal_server_error')),
    );
    const outcome = poster.post('s1', response);
    await clock.advance(120_000);
    await expect(outcome).resolves.toMatchObject({
      kind: 'gave_up',
      attempts: 6,
      reason: 'internal_server_error',
    });
  });

  it('sends a large result as the server wrote it, the same body on every retry, then lets go of it', async () => {
    const text = 'y'.repeat(RAW_JSON_MIN_CHARS);
    const line = `{"result": {"content":[{"type":"text","text":"${text}"}]}, "jsonrpc":"2.0","id":4}`;
    const parsed = JSON.parse(line) as { result: object };
    keepRawResult(parsed, line);
    const large: JsonRpcResponse = { jsonrpc: '2.0', id: 'mcp_req_a_b_c_2', result: parsed.result };
    const { clock, http, poster, bodies } = setup([dustError(503, 'service_unavailable')]);
    const outcome = poster.post('s1', large);
    await clock.advance(10_000);
    await expect(outcome).resolves.toEqual({ kind: 'delivered', attempts: 2 });
    const [first, second] = http.requests;
    expect(first!.bodyParts).toEqual([
      '{"serverId":"s1","result":{"jsonrpc":"2.0","id":"mcp_req_a_b_c_2","result":',
      `{"content":[{"type":"text","text":"${text}"}]}`,
      '}}',
    ]);
    expect(second!.bodyParts).toBe(first!.bodyParts);
    expect(bodies()[1]).toEqual({ serverId: 's1', result: large });
    expect(rawJsonOf(parsed.result)).toBeUndefined();
  });

  it('falls back to a JSON-RPC error for the same id on 413', async () => {
    const { poster, bodies } = setup([dustError(413, 'content_too_large')]);
    await expect(poster.post('s1', response)).resolves.toEqual({ kind: 'too_large', attempts: 2 });
    expect(bodies()[1]).toEqual({
      serverId: 's1',
      result: {
        jsonrpc: '2.0',
        id: response.id,
        error: { code: -32000, message: expect.stringContaining('too large') },
      },
    });
  });

  it('stops at once when the registration is gone or the request is refused', async () => {
    const gone = setup([dustError(403, 'mcp_auth_error')]);
    await expect(gone.poster.post('s1', response)).resolves.toEqual({
      kind: 'registration_gone',
      attempts: 1,
    });
    const bad = setup([dustError(400, 'invalid_request_error')]);
    await expect(bad.poster.post('s1', response)).resolves.toMatchObject({
      kind: 'gave_up',
      attempts: 1,
    });
  });
});
