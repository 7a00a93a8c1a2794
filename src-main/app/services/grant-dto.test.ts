import { describe, expect, it } from 'vitest';

import type { Grant } from '../../core/policy/grants.js';
import { grantDto } from './views.js';

const grant = (scope: Grant['scope']): Grant => ({
  id: 'g1',
  server: 'fs',
  tool: 'write_file',
  scope,
  fingerprint: 'f1',
  createdAt: 1,
  reason: 'Always allowed',
});

describe('grantDto', () => {
  it('gives the scope as facts the window can say in the person’s locale', () => {
    expect(grantDto(grant({ kind: 'until', expiresAt: 5_000 }))).toMatchObject({
      scopeKind: 'until',
      expiresAt: 5_000,
    });
    expect(grantDto(grant({ kind: 'conversation', conversationId: 'conv1' }))).toMatchObject({
      scopeKind: 'conversation',
      conversationId: 'conv1',
    });
    expect(grantDto(grant({ kind: 'always' }))).toMatchObject({ scopeKind: 'always' });
  });

  it('marks a grant stale when the tool’s fingerprint changed, and says nothing while the server is not running', () => {
    expect(grantDto(grant({ kind: 'always' }), () => 'f1').stale).toBe(false);
    expect(grantDto(grant({ kind: 'always' }), () => 'f2').stale).toBe(true);
    expect(grantDto(grant({ kind: 'always' }), () => undefined)).not.toHaveProperty('stale');
  });
});
