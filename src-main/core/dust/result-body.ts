import type { JsonRpcResponse } from '../jsonrpc.js';
import { type RawJson, rawJsonOf, utf8Length } from '../raw-json/raw-json.js';
import { DUST_RESULTS_MAX_BYTES } from './dust-limits.js';

/**
 * A JSON body serialised once, in pieces sent back to back: DustHttp sends it as it is on every
 * attempt (redirects, a refreshed token, the poster's retries) instead of serialising again.
 */
export class SerializedJson {
  constructor(readonly parts: readonly (string | Uint8Array)[]) {}
}

/**
 * The `/mcp/results` body, `{serverId, result}` with the response as `result`.
 *
 * When the response's `result` is exactly what a local server wrote (its text was kept, see
 * core/raw-json/raw-json.ts), that text goes in as it is, between the envelope and Dust's id:
 * a 16 MiB tool result then costs no parsed-and-serialised-again copy. Anything else is
 * serialised as usual. Either way the same JSON value reaches Dust.
 */
export function resultBody(
  serverId: string,
  response: JsonRpcResponse,
  limitBytes = DUST_RESULTS_MAX_BYTES,
): SerializedJson {
  const raw = 'result' in response ? rawJsonOf(response.result) : undefined;
  if (raw === undefined || !hasOnlyKeys(response, ['jsonrpc', 'id', 'result']))
    return new SerializedJson([JSON.stringify({ serverId, result: response })]);
  const head = `{"serverId":${JSON.stringify(serverId)},"result":{"jsonrpc":${JSON.stringify(response.jsonrpc)},"id":${JSON.stringify(response.id)},"result":`;
  // A server may write its answer longer than JSON.stringify would (indentation, `\u00e9` for
  // é): past Dust's limit as written, it may still fit serialised again.
  if (byteLength(head) + byteLength(raw) + 2 > limitBytes)
    return new SerializedJson([JSON.stringify({ serverId, result: response })]);
  return new SerializedJson([head, raw, '}}']);
}

function byteLength(text: RawJson): number {
  return typeof text === 'string' ? utf8Length(text, 0, text.length) : text.byteLength;
}

function hasOnlyKeys(value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && own.every((key, index) => key === keys[index]);
}
