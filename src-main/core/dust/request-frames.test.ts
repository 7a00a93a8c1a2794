import { describe, expect, it } from 'vitest';

import { eventPublishedAt, parseRequestFrame } from './request-frames.js';

const initialize =
  '{"eventId":"1752488430123-0","data":{"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"dust-mcp-client","version":"1.0.0"}},"jsonrpc":"2.0","id":"mcp_req_Ob2c5Cy4BE_8kLqW2xYzA_1752488430120_0"}}';

describe('parseRequestFrame', () => {
  it('reads a request frame exactly as Dust writes it', () => {
    const frame = parseRequestFrame(initialize);
    expect(frame).toEqual({
      kind: 'event',
      eventId: '1752488430123-0',
      messageKind: 'request',
      message: {
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'dust-mcp-client', version: '1.0.0' },
        },
        jsonrpc: '2.0',
        id: 'mcp_req_Ob2c5Cy4BE_8kLqW2xYzA_1752488430120_0',
      },
    });
  });

  it('reads a notification frame', () => {
    expect(
      parseRequestFrame(
        '{"eventId":"1-1","data":{"method":"notifications/initialized","jsonrpc":"2.0"}}',
      ),
    ).toMatchObject({
      kind: 'event',
      eventId: '1-1',
      messageKind: 'notification',
    });
  });

  it('keeps a cancel notification with its original numeric request id', () => {
    const frame = parseRequestFrame(
      '{"eventId":"2-0","data":{"method":"notifications/cancelled","params":{"requestId":1,"reason":"timeout"},"jsonrpc":"2.0"}}',
    );
    expect(frame.kind === 'event' && frame.message).toMatchObject({ params: { requestId: 1 } });
  });

  it.each([['done'], ['done\n'], [' done ']])('treats %j as the normal end', (data) => {
    expect(parseRequestFrame(data)).toEqual({ kind: 'done' });
  });

  it('ignores the named handshake event', () => {
    expect(parseRequestFrame('{}', 'dust-handshake')).toEqual({
      kind: 'ignored',
      eventName: 'dust-handshake',
    });
  });

  it('treats the default "message" event name like an unnamed event', () => {
    expect(parseRequestFrame('done', 'message')).toEqual({ kind: 'done' });
    expect(parseRequestFrame(initialize, '')).toMatchObject({ kind: 'event' });
  });

  it.each([
    ['not JSON', 'hello', 'Not JSON: hello', undefined],
    ['a JSON array', '[1]', 'not a JSON object', undefined],
    ['JSON null', 'null', 'not a JSON object', undefined],
    ['no eventId', '{"data":{"jsonrpc":"2.0","method":"x"}}', 'no "eventId"', undefined],
    [
      'a numeric eventId',
      '{"eventId":5,"data":{"jsonrpc":"2.0","method":"x"}}',
      'no "eventId"',
      undefined,
    ],
    [
      'an empty eventId',
      '{"eventId":"","data":{"jsonrpc":"2.0","method":"x"}}',
      'no "eventId"',
      undefined,
    ],
    ['no data', '{"eventId":"9-0"}', 'no "data"', '9-0'],
    ['a bad JSON-RPC payload', '{"eventId":"9-1","data":{"method":"x"}}', '"jsonrpc"', '9-1'],
    ['a wrapped payload', '{"eventId":"9-2","data":{"type":"tool_request"}}', '"jsonrpc"', '9-2'],
  ])('reports %s as invalid', (_name, data, fragment, eventId) => {
    const frame = parseRequestFrame(data);
    expect(frame.kind).toBe('invalid');
    if (frame.kind !== 'invalid') return;
    expect(frame.reason).toContain(fragment);
    expect(frame.eventId).toBe(eventId);
  });

  it('shortens long unreadable data in the reason', () => {
    const frame = parseRequestFrame('x'.repeat(500));
    expect(frame.kind === 'invalid' && frame.reason.length).toBeLessThan(80);
  });
});

describe('eventPublishedAt', () => {
  it.each([
    ['1752488430123-0', 1752488430123],
    ['1752488430123-999', 1752488430123],
    ['0-0', undefined],
    ['abc', undefined],
    ['1752488430123', undefined],
    ['1752488430123-x', undefined],
    [' 1752488430123-0', undefined],
  ])('%j → %s', (eventId, expected) => {
    expect(eventPublishedAt(eventId)).toBe(expected);
  });
});
