import { DUST_EU_URL, DUST_US_URL } from '../../core/auth/regions.js';
import { errorMessage } from '../../core/error-message.js';
import {
  DUST_CALL_SECONDS,
  MAX_WAIT_SECONDS,
  MIN_WAIT_SECONDS,
  type SettingsChangeInput,
  type SettingsViewDto,
} from '../../shared/contract/settings.js';
import { HandlerError, type InvokeHandlers } from '../ipc-router.js';
import type { AppServices } from './create-services.js';

/** "Start at login" as the shell provides it (electron/login-item.ts); absent in the harness. */
export interface LoginItemPort {
  readonly supported: boolean;
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

type SettingsChannels = 'settings:get' | 'settings:set' | 'calls:stop';

/** The Settings view's channels, and stopping a running call. */
export function settingsHandlers(app: AppServices): Pick<InvokeHandlers, SettingsChannels> {
  const view = async (): Promise<SettingsViewDto> => {
    const { settings } = app.settings;
    const login = app.loginItem?.supported
      ? { available: true, enabled: await app.loginItem.isEnabled().catch(() => false) }
      : { available: false, enabled: false };
    const { region, customUrl } = settings.dust;
    const pausedUntil = app.pause.pausedUntil;
    return {
      notifications: settings.approvals.notify,
      startAtLogin: login,
      ...(pausedUntil === undefined ? {} : { pausedUntil }),
      waitSeconds: settings.approvals.defaultDeadlineSeconds,
      waitLimits: { min: MIN_WAIT_SECONDS, max: MAX_WAIT_SECONDS, dustSeconds: DUST_CALL_SECONDS },
      defaultDecision: 'deny',
      // Changing where tokens go is for signed-out people only (the sign-in screen does it).
      region: {
        region,
        url: region === 'custom' ? (customUrl ?? '') : region === 'eu' ? DUST_EU_URL : DUST_US_URL,
        editable: app.auth.state.kind === 'signed-out',
      },
      dataFolder: app.dataDir,
      logFiles: [join(app.dataDir, 'activity.jsonl'), join(app.dataDir, 'activity.1.jsonl')],
      settingsFile: app.settings.filePath,
    };
  };
  const change = async (input: SettingsChangeInput): Promise<void> => {
    switch (input.kind) {
      case 'notifications':
        await app.settings.update((current) => ({
          ...current,
          approvals: { ...current.approvals, notify: input.enabled },
        }));
        return;
      case 'waitSeconds':
        await app.settings.update((current) => ({
          ...current,
          approvals: { ...current.approvals, defaultDeadlineSeconds: input.seconds },
        }));
        return;
      case 'startAtLogin':
        if (!app.loginItem?.supported)
          throw new HandlerError('bad_input', 'Start at login is not available here.');
        await app.loginItem.setEnabled(input.enabled).catch((error: unknown) => {
          throw new HandlerError(
            'internal',
            `Could not change start at login: ${errorMessage(error)}`,
          );
        });
        return;
      case 'pause':
        if (input.minutes === null) app.pause.resume();
        else app.pause.pause(input.minutes);
        return;
    }
  };
  return {
    'settings:get': view,
    'settings:set': async (input) => {
      await change(input);
      return view();
    },
    'calls:stop': ({ server, id }) => {
      if (!app.servers.stopCall(server, id))
        throw new HandlerError(
          'not_found',
          'This call is not running any more (it may have just finished).',
        );
    },
  };
}

/** The data folder's paths use its own separator (the folder comes from the shell). */
function join(folder: string, file: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${file}` : `${folder}${separator}${file}`;
}
