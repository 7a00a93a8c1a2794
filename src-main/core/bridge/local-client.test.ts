import { describe, expect, it } from 'vitest';

import { RecordingLogger } from '../testing/recording-logger.js';
import { LocalClient } from './local-client.js';

describe('LocalClient (the app as MCP client of a local server)', () => {
  it('declares roots always, elicitation only where a person can answer, never sampling', () => {
    const logger = new RecordingLogger();
    const headless = new LocalClient({ serverName: 'fs', roots: () => [], logger });
    expect(headless.capabilities()).toEqual({ roots: { listChanged: true } });
    const desktop = new LocalClient({
      serverName: 'fs',
      roots: () => [],
      logger,
      elicit: () => Promise.resolve({ result: { action: 'cancel' } }),
    });
    expect(desktop.capabilities()).toEqual({
      roots: { listChanged: true },
      elicitation: { form: {} },
    });
    const withUrls = new LocalClient({
      serverName: 'fs',
      roots: () => [],
      logger,
      elicit: () => Promise.resolve({ result: { action: 'cancel' } }),
      elicitUrls: true,
    });
    expect(withUrls.capabilities()).toEqual({
      roots: { listChanged: true },
      elicitation: { form: {}, url: {} },
    });
  });

  it('answers roots/list from the current folders, as file:// URIs', async () => {
    let folders = ['/home/ada/shop'];
    const client = new LocalClient({
      serverName: 'fs',
      roots: () => folders,
      logger: new RecordingLogger(),
    });
    expect(await client.answer('roots/list', {})).toEqual({
      result: { roots: [{ uri: 'file:///home/ada/shop', name: 'shop' }] },
    });
    folders = [];
    expect(await client.answer('roots/list', {})).toEqual({ result: { roots: [] } });
  });

  it('answers ping, refuses sampling in words, and declines elicitation (logged) where no one can answer', async () => {
    const logger = new RecordingLogger();
    const client = new LocalClient({ serverName: 'fs', roots: () => [], logger });
    expect(await client.answer('ping', undefined)).toEqual({ result: {} });
    expect(await client.answer('sampling/createMessage', { messages: [] })).toMatchObject({
      error: { code: -32601, message: expect.stringContaining('does not offer sampling') },
    });
    expect(
      await client.answer('elicitation/create', {
        message: 'Name?',
        requestedSchema: { type: 'object', properties: {} },
      }),
    ).toEqual({ result: { action: 'decline' } });
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'refused a sampling request: not offered',
      'declined an elicitation: no one can answer it here',
    ]);
  });
});
