import { describe, expect, it } from 'vitest';

import type { PendingCall } from '../../core/approvals/approval-types.js';
import { pendingCallDto } from './views.js';

/**
 * Found by the secrets scan (`src-main/node/integration/fault-secrets-scan.integration.test.ts`):
 * the approval card got a keychain secret in clear when the agent echoed it back as an argument,
 * while the activity log masked it. The window now gets the arguments masked the same way; the tool
 * still receives them unchanged (the relay never reads the DTO).
 */
const call: PendingCall = {
  callId: 'c1',
  nonce: 'n1',
  server: 'vault',
  tool: 'echo',
  arguments: { message: 'use sk-live-abcdef123456 please', nested: ['sk-live-abcdef123456'], n: 3 },
  agent: undefined,
  conversationId: undefined,
  policyReason: undefined,
  receivedAt: 1,
  deadlineAt: 2,
};

describe('pendingCallDto', () => {
  it('masks known secrets in the arguments shown to the window, and leaves the call alone', () => {
    const dto = pendingCallDto(call, ['sk-live-abcdef123456']);
    expect(JSON.stringify(dto)).not.toContain('sk-live-abcdef123456');
    expect(dto.arguments).toEqual({ message: 'use •••• please', nested: ['••••'], n: 3 });
    expect(call.arguments).toEqual({
      message: 'use sk-live-abcdef123456 please',
      nested: ['sk-live-abcdef123456'],
      n: 3,
    });
  });

  it('shows arguments unchanged when no secret is known', () => {
    expect(pendingCallDto(call).arguments).toEqual(call.arguments);
  });
});
