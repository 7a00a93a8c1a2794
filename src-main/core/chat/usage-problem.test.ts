import { describe, expect, it } from 'vitest';

import { DustApiError, DustNetworkError } from '../dust/dust-errors.js';
import { describeChatError, toUsageProblem } from './usage-problem.js';

describe('toUsageProblem', () => {
  it('words the programmatic-credit refusal (429) and says to ask an admin', () => {
    const problem = toUsageProblem(
      new DustApiError(
        429,
        'rate_limit_error',
        'Your workspace has run out of credits. Please ask a workspace admin to purchase more credits for programmatic usage.',
      ),
    );
    expect(problem).toMatchObject({
      kind: 'no_programmatic_credits',
      title: expect.stringContaining('no programmatic credits') as string,
    });
    expect(problem?.action).toMatch(/workspace admin/);
  });

  it('tells a spending cap, exhausted credits, a plan limit and a plain rate limit apart', () => {
    expect(
      toUsageProblem(
        new DustApiError(
          429,
          'rate_limit_error',
          'Your workspace has reached its programmatic monthly spending cap.',
        ),
      )?.kind,
    ).toBe('spending_cap');
    expect(
      toUsageProblem(
        new DustApiError(
          403,
          'credits_exhausted',
          'Your workspace has exhausted its programmatic usage credits.',
        ),
      )?.kind,
    ).toBe('credits_exhausted');
    expect(
      toUsageProblem(new DustApiError(403, 'plan_message_limit_exceeded', 'Limit.'))?.kind,
    ).toBe('plan_limit');
    const rate = toUsageProblem(
      new DustApiError(403, 'rate_limit_error', 'Rate limit exceeded. Please retry later.'),
    );
    expect(rate).toMatchObject({
      kind: 'rate_limited',
      action: 'Wait a minute, then send it again.',
    });
    expect(
      toUsageProblem(new DustApiError(429, 'rate_limit_error', 'Slow down.', 30_000))?.action,
    ).toBe('Wait 30 s, then send it again.');
  });

  it('leaves other errors alone', () => {
    expect(
      toUsageProblem(
        new DustApiError(
          403,
          'invalid_request_error',
          'User does not have access to the local MCP servers.',
        ),
      ),
    ).toBeUndefined();
    expect(toUsageProblem(new DustApiError(500, 'internal_server_error', 'x'))).toBeUndefined();
    expect(toUsageProblem(new DustNetworkError('down'))).toBeUndefined();
  });

  it('describes any chat error in words, never as a bare status', () => {
    expect(describeChatError(new DustApiError(403, 'credits_exhausted', 'x'))).toMatch(
      /used up\. Ask a workspace admin/,
    );
    expect(
      describeChatError(
        new DustApiError(
          403,
          'invalid_request_error',
          'User does not have access to the client-side MCP servers.',
        ),
      ),
    ).toMatch(/registration ended/);
    expect(describeChatError(new DustNetworkError('Could not reach Dust'))).toBe(
      'Could not reach Dust',
    );
  });
});
