import { describe, expect, it } from 'vitest';

import type { ApprovalRequestInfo } from './agent-events.js';
import { type AttachedServers, ownServerFor } from './approval-merge.js';

const attached: AttachedServers = new Map([
  [
    'everything server',
    { name: 'everything', serverId: 'mcp-client-side:everything_server.0123456789abcdef' },
  ],
]);
const approval = (overrides: Partial<ApprovalRequestInfo> = {}): ApprovalRequestInfo => ({
  conversationId: 'c1',
  messageId: 'm1',
  actionId: 'act_1',
  toolName: 'echo',
  serverName: 'everything server',
  serverId: undefined,
  inputs: {},
  stake: 'low',
  ...overrides,
});

describe('ownServerFor', () => {
  it('claims a low-stake approval of a server the message carried', () => {
    expect(ownServerFor(approval(), attached)).toEqual({
      name: 'everything',
      serverId: 'mcp-client-side:everything_server.0123456789abcdef',
    });
    expect(
      ownServerFor(
        approval({ serverId: 'mcp-client-side:everything_server.0123456789abcdef' }),
        attached,
      )?.name,
    ).toBe('everything');
    expect(
      ownServerFor(approval({ serverId: 'mcp-client-side:everything_server' }), attached)?.name,
    ).toBe('everything');
  });

  it('leaves to the person anything not surely ours', () => {
    expect(ownServerFor(approval({ serverName: 'GitHub' }), attached)).toBeUndefined();
    expect(ownServerFor(approval({ stake: 'high' }), attached)).toBeUndefined();
    expect(ownServerFor(approval({ serverId: 'rms_server0004' }), attached)).toBeUndefined();
    expect(ownServerFor(approval(), new Map())).toBeUndefined();
  });
});
