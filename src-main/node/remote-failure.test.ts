import { describe, expect, it } from 'vitest';

import { describeState } from '../core/servers/wording.js';
import {
  describeHttpStatus,
  describeNetworkError,
  describeRemoteFailure,
  isAuthChallenge,
} from './remote-failure.js';

const url = new URL('https://wiki.corp.acme.com:8443/mcp');
const fetchFailed = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('remote failures in words', () => {
  it.each([
    [
      'ENOTFOUND',
      'is unreachable: the name "wiki.corp.acme.com" could not be resolved (DNS ENOTFOUND); are you on the right network or VPN?',
    ],
    [
      'ECONNREFUSED',
      'is unreachable: wiki.corp.acme.com:8443 refused the connection (is the server running?)',
    ],
    ['UND_ERR_CONNECT_TIMEOUT', 'is unreachable: connecting to wiki.corp.acme.com:8443 timed out'],
    [
      'EHOSTUNREACH',
      'is unreachable: there is no route to wiki.corp.acme.com (EHOSTUNREACH); are you on the right network or VPN?',
    ],
    ['ECONNRESET', 'closed the connection unexpectedly (ECONNRESET)'],
    [
      'CERT_HAS_EXPIRED',
      'is unreachable: its TLS certificate was not accepted (CERT_HAS_EXPIRED); an internal certificate authority must be trusted by this computer',
    ],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'is unreachable: its TLS certificate was not accepted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); an internal certificate authority must be trusted by this computer',
    ],
  ])('%s', (code, words) => {
    expect(describeNetworkError(fetchFailed(code), url)).toBe(words);
    expect(describeRemoteFailure(fetchFailed(code), {}, url)).toBe(words);
  });

  it('tells an authorization challenge from a plain 401', () => {
    expect(
      isAuthChallenge('Bearer resource_metadata="https://x/.well-known/oauth-protected-resource"'),
    ).toBe(true);
    expect(isAuthChallenge('Basic realm="x"')).toBe(false);
    expect(describeHttpStatus(401, { wwwAuthenticate: 'Basic realm="x"' }, url)).toBe(
      'needs sign-in: it refused the request as unauthenticated (HTTP 401); check the credentials in its headers',
    );
    expect(describeHttpStatus(503, {}, url)).toBe('failed with HTTP 503');
    expect(describeHttpStatus(404, {}, url)).toBe(
      'has no MCP endpoint at https://wiki.corp.acme.com:8443/mcp (HTTP 404)',
    );
  });

  it('reads the status from the SDK errors', () => {
    expect(
      describeRemoteFailure(
        Object.assign(new Error('Streamable HTTP error: x'), { code: 403 }),
        {},
        url,
      ),
    ).toMatch(/^refused access \(HTTP 403/);
    expect(
      describeRemoteFailure(new Error('Error POSTing to endpoint (HTTP 500): oops'), {}, url),
    ).toBe('failed with HTTP 500');
  });

  it('says connecting, unreachable and retrying for a remote server', () => {
    expect(
      describeState('wiki', { kind: 'starting', attempt: 0, lastError: undefined }, 'remote'),
    ).toBe('The remote server "wiki" is connecting.');
    expect(
      describeState(
        'wiki',
        {
          kind: 'backoff',
          attempt: 1,
          error: 'is unreachable: x refused the connection',
          delayMs: 1_500,
          retryAt: 0,
        },
        'remote',
      ),
    ).toBe('The remote server "wiki" is unreachable: x refused the connection; it retries in 2 s.');
    expect(describeState('fs', { kind: 'starting', attempt: 0, lastError: undefined })).toBe(
      'The local server "fs" is starting.',
    );
  });
});
