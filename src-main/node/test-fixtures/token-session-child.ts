// A second process sharing the keychain (as headless mode does next to the desktop app), for
// shared-keychain.integration.test.ts. argv: service name, lock path, emulator URL, client id.
// Prints "loaded" once it holds the saved pair in memory, waits for "go" on stdin, then asks
// Dust who it is (a 401 makes it refresh or adopt) and prints one JSON line with the outcome.
import { createInterface } from 'node:readline';

import { TokenSession } from '../../core/auth/token-session.js';
import { WorkosClient } from '../../core/auth/workos-client.js';
import { fetchMe } from '../../core/dust/dust-api.js';
import { DustHttp } from '../../core/dust/dust-http.js';
import { errorMessage } from '../../core/error-message.js';
import { KeyringSecretStore } from '../keyring-secret-store.js';
import { NodeHttpClient } from '../node-http.js';
import { RefreshLockFile } from '../refresh-lock-file.js';
import { SystemClock } from '../system-clock.js';

const [service, lockPath, baseUrl, clientId] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const clock = new SystemClock();
const session = new TokenSession(
  new KeyringSecretStore(service),
  new WorkosClient({ baseUrl, clientId }, new NodeHttpClient()),
  clock,
  new RefreshLockFile(lockPath),
);
const events: string[] = [];
session.onDidChange((event) => events.push(event.kind));
const http = new DustHttp({ baseUrl, userAgent: 'child' }, session, new NodeHttpClient(), clock);

await session.getAccessToken();
process.stdout.write('loaded\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  try {
    const me = await fetchMe(http);
    process.stdout.write(
      `${JSON.stringify({ ok: true, workspaces: me.workspaces.length, events })}\n`,
    );
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: errorMessage(error), events })}\n`);
  }
  break;
}
process.exit(0);
