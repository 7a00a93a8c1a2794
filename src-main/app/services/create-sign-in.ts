import { AuthService } from '../../core/auth/auth-service.js';
import {
  DEFAULT_WORKOS_BASE_URL,
  DEFAULT_WORKOS_CLIENT_ID,
  type RegionChoice,
} from '../../core/auth/regions.js';
import { TokenHostBinding } from '../../core/auth/token-host.js';
import { TokenSession } from '../../core/auth/token-session.js';
import { WorkosClient } from '../../core/auth/workos-client.js';
import type { Settings } from '../../core/settings/schema.js';
import type { SettingsStore } from '../../core/settings/settings-store.js';
import type { AppOptions, AppPorts } from './create-services.js';

/**
 * Sign-in: the WorkOS client, the token session in the keychain and the auth service, following
 * the region and workspace saved in the settings.
 */
export function createSignIn(
  ports: Pick<AppPorts, 'http' | 'secrets' | 'clock' | 'timers' | 'urls' | 'refreshLock'>,
  settings: SettingsStore,
  options: Pick<AppOptions, 'workos'> & { userAgent: string },
): { session: TokenSession; auth: AuthService } {
  const { clock, timers } = ports;
  const dust = settings.settings.dust;
  const workos = new WorkosClient(
    {
      baseUrl: options.workos?.baseUrl ?? dust.authBaseUrl ?? DEFAULT_WORKOS_BASE_URL,
      clientId: options.workos?.clientId ?? dust.workosClientId ?? DEFAULT_WORKOS_CLIENT_ID,
    },
    ports.http,
  );
  const session = new TokenSession(ports.secrets, workos, clock, ports.refreshLock);
  const auth = new AuthService({
    session,
    tokenHost: new TokenHostBinding(ports.secrets),
    workos,
    http: ports.http,
    clock,
    timers,
    urls: ports.urls,
    userAgent: options.userAgent,
    region: () => regionOf(settings.settings),
    savedWorkspaceId: () => settings.settings.dust.workspaceId,
    saveWorkspaceId: async (workspaceId) => {
      await settings.update((current) => ({ ...current, dust: { ...current.dust, workspaceId } }));
    },
  });
  return { session, auth };
}

function regionOf(settings: Settings): RegionChoice {
  const { region, customUrl } = settings.dust;
  if (region === 'custom' && customUrl) return { kind: 'custom', url: customUrl };
  return region === 'eu' ? { kind: 'eu' } : { kind: 'us' };
}
