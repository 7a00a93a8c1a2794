/**
 * `npm run --silent emulator [-- --port N --region us-central1|europe-west1 --token-lifetime S
 *  --handshake dust-handshake|comment|none --idle-close-ms MS --redirect-307
 *  --faults '{"registerRateLimitPerMinute":null,…}' --ready-file PATH]`
 *
 * Starts an emulator and prints ONE JSON line (url, credentials, how to sign in), then runs until
 * SIGINT/SIGTERM. Scripts read that line instead of scraping logs (`--silent` keeps npm's own
 * banner off stdout, so it is the first line), or read --ready-file: the same line, written
 * (temporary file + rename) once the emulator listens.
 */
import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { CONTROL_PREFIX } from './control/routes.js';
import type { HandshakeVariant } from './http/sse.js';
import type { FaultSettings } from './options.js';
import { startEmulator } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    region: { type: 'string', default: 'us-central1' },
    'token-lifetime': { type: 'string' },
    handshake: { type: 'string' },
    'idle-close-ms': { type: 'string' },
    'redirect-307': { type: 'boolean', default: false },
    faults: { type: 'string' },
    'ready-file': { type: 'string' },
  },
  strict: true,
});

const region = values.region;
if (region !== 'us-central1' && region !== 'europe-west1') {
  process.stderr.write(`--region must be us-central1 or europe-west1, got ${region}\n`);
  process.exit(2);
}
const handshake = values.handshake;
if (handshake !== undefined && !['dust-handshake', 'comment', 'none'].includes(handshake)) {
  process.stderr.write(`--handshake must be dust-handshake, comment or none\n`);
  process.exit(2);
}

let extraFaults: Partial<FaultSettings> = {};
if (values.faults !== undefined) {
  try {
    extraFaults = JSON.parse(values.faults) as Partial<FaultSettings>;
  } catch {
    process.stderr.write('--faults must be a JSON object of fault settings (see README)\n');
    process.exit(2);
  }
}

const emulator = await startEmulator({
  port: Number(values.port),
  region: region,
  ...(values['token-lifetime']
    ? { accessTokenLifetimeSeconds: Number(values['token-lifetime']) }
    : {}),
  faults: {
    ...(handshake ? { handshake: handshake as HandshakeVariant } : {}),
    ...(values['idle-close-ms'] ? { idleCloseMs: Number(values['idle-close-ms']) } : {}),
    redirectRequests307: values['redirect-307'],
    ...extraFaults,
  },
  log: (line) => process.stderr.write(`${line}\n`),
});

const { seeds, url } = emulator;
const readyLine = `${JSON.stringify({
  url,
  workosBaseUrl: url,
  workspaceId: seeds.workspaceId,
  region: seeds.region,
  userToken: seeds.userToken,
  otherUserToken: seeds.otherUserToken,
  apiKey: seeds.apiKey,
  workosClientId: seeds.workosClientId,
  users: { ada: seeds.users.ada.sId, grace: seeds.users.grace.sId },
  control: `${url}${CONTROL_PREFIX}`,
  deviceCodeSignIn: {
    start: `POST ${url}/user_management/authorize/device (form: client_id=${seeds.workosClientId}&scope=openid+profile+email)`,
    approve: `POST ${url}${CONTROL_PREFIX}/device/approve {"userCode":"<user_code>","userId"?:"${seeds.users.ada.sId}"}`,
    poll: `POST ${url}/user_management/authenticate (form: grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=…&client_id=…)`,
  },
})}\n`;
process.stdout.write(readyLine);
const readyFile = values['ready-file'];
if (readyFile) {
  await writeFile(`${readyFile}.tmp`, readyLine, { mode: 0o600 });
  await rename(`${readyFile}.tmp`, readyFile);
}

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
