import type { RunningEmulator } from '../../../../e2e/dust-emulator/index.js';
import { WorkosClient } from '../../../core/auth/workos-client.js';
import { NodeHttpClient } from '../../node-http.js';

/**
 * A WorkOS client for the emulator over the real HTTP client, telling `onRefreshGrant` of each
 * refresh-token grant it sends (what the single-use refresh token tests count).
 */
export function countingWorkos(emulator: RunningEmulator, onRefreshGrant: () => void) {
  const http = new NodeHttpClient();
  return new WorkosClient(
    { baseUrl: emulator.url, clientId: emulator.seeds.workosClientId },
    {
      request: (request) => {
        if (request.body?.includes('grant_type=refresh_token')) onRefreshGrant();
        return http.request(request);
      },
    },
  );
}
