import { parseCustomDustUrl } from '../../core/auth/regions.js';
import { errorMessage } from '../../core/error-message.js';
import { commandLineOfEntry } from '../consent/command-line.js';
import type { EventHub } from '../event-hub.js';
import { HandlerError, type InvokeHandlers } from '../ipc-router.js';
import { chatHandlers } from './chat-handlers.js';
import type { AppServices } from './create-services.js';
import { dustCall } from './dust-call.js';
import { editHandlers } from './edit-handlers.js';
import { elicitationDto } from './elicitation-dto.js';
import { fileProblems } from './file-problems.js';
import { settingsHandlers } from './settings-handlers.js';
import {
  activityDto,
  authSnapshot,
  currentFingerprints,
  grantDto,
  pendingCallDto,
  serverStatuses,
} from './views.js';

type ServiceHandlers = Omit<InvokeHandlers, 'app:getInfo' | 'app:rendererReady'>;

/** Auth states that hold a session whose token would follow a region change. */
const SESSION_STATES: ReadonlySet<string> = new Set(['signed-in', 'choose-workspace', 'loading']);

/** The service channels: each validates nothing itself (the router did), and answers in DTOs. */
export function serviceHandlers(app: AppServices, hub: EventHub): ServiceHandlers {
  const setToolEnabled = async (name: string, tool: string, enabled: boolean) => {
    if (!app.settings.settings.mcpServers[name])
      throw new HandlerError('not_found', `There is no server named "${name}".`);
    await app.settings.update((current) => {
      const entry = current.mcpServers[name]!;
      const off = new Set(entry.disabledTools ?? []);
      if (enabled) off.delete(tool);
      else off.add(tool);
      const disabledTools = off.size > 0 ? [...off] : undefined;
      return {
        ...current,
        mcpServers: { ...current.mcpServers, [name]: { ...entry, disabledTools } },
      };
    });
  };
  const api = () => {
    const dust = app.runtime.api;
    if (!dust)
      throw new HandlerError('unauthenticated', 'Sign in to Dust and pick a workspace first.');
    return dust;
  };
  return {
    ...editHandlers(app),
    ...chatHandlers(app, hub),
    'app:fileProblems': () => fileProblems(app),
    ...settingsHandlers(app),
    'auth:snapshot': () => hub.snapshot('auth:changed', () => authSnapshot(app)),
    'auth:setRegion': async ({ region, customUrl }) => {
      // The region decides where the Dust token goes: never changed under a live session.
      if (SESSION_STATES.has(app.auth.state.kind)) {
        throw new HandlerError(
          'forbidden',
          'Sign out first: changing the region or URL while signed in would send your Dust sign-in to another address.',
        );
      }
      let url: string | undefined;
      if (region === 'custom') {
        const parsed = parseCustomDustUrl(customUrl ?? '');
        if (!parsed.ok) throw new HandlerError('bad_input', parsed.message);
        url = parsed.url;
      }
      await app.settings.update((current) => ({
        ...current,
        dust: { ...current.dust, region, customUrl: url },
      }));
      hub.publish('auth:changed', authSnapshot(app));
      // Saved tokens for the host now chosen (the person set the region back) are used again.
      if (app.auth.state.kind === 'signed-out') await app.auth.init();
    },
    'auth:startSignIn': () => {
      // Already signed in (the saved sign-in came back when the region was set back to its host).
      if (app.auth.state.kind === 'signed-in') return;
      void app.auth.startSignIn();
    },
    'auth:cancelSignIn': () => app.auth.cancelSignIn(),
    'auth:selectWorkspace': async ({ workspaceId }) => {
      try {
        await app.auth.selectWorkspace(workspaceId);
      } catch (error) {
        throw new HandlerError('not_found', errorMessage(error));
      }
    },
    'auth:signOut': async () => {
      await app.signOut();
    },
    'servers:snapshot': () => hub.snapshot('servers:changed', () => serverStatuses(app)),
    'servers:setToolEnabled': ({ name, tool, enabled }) => setToolEnabled(name, tool, enabled),
    'servers:setEnabled': async ({ name, enabled }) => {
      const entry = app.editor.entry(name);
      if (enabled)
        await app.consent.require('enable', [
          { kind: 'run', server: name, line: commandLineOfEntry(entry) },
        ]);
      await app.servers.setEnabled(name, enabled);
    },
    'servers:restart': async ({ name }) => {
      if (!(await app.servers.restart(name)))
        throw new HandlerError('not_found', `"${name}" is not running; enable it first.`);
    },
    'approvals:snapshot': () =>
      hub.snapshot('approvals:changed', () =>
        app.approvals
          .snapshot()
          .pending.map((call) => pendingCallDto(call, app.knownSecrets.current)),
      ),
    'approvals:decide': ({ callId, nonce, decision }) => {
      const outcome = app.approvals.decide(callId, nonce, decision);
      if (!outcome.ok) {
        const words = {
          not_found:
            'This request is not waiting for a decision (it may have been answered already).',
          forbidden: 'This decision does not match the request.',
          expired: "Too late: Dust's deadline for this call has passed, and it was denied.",
          already_decided: 'This request was already decided differently.',
        } as const;
        throw new HandlerError(outcome.error, words[outcome.error]);
      }
      return { repeated: outcome.repeated };
    },
    'grants:list': () =>
      app.grants.grants.map((grant) => grantDto(grant, currentFingerprints(app))),
    'elicitations:snapshot': () =>
      hub.snapshot('elicitations:changed', () =>
        app.elicitations.pending().map((form) => elicitationDto(form, app.knownSecrets.current)),
      ),
    'elicitations:answer': (input) => {
      const outcome = app.elicitations.answer(
        input.id,
        input.nonce,
        input.action === 'accept'
          ? { action: 'accept', content: input.content }
          : { action: input.action },
      );
      if (!outcome.ok) throw new HandlerError(outcome.error, outcome.message);
    },
    'grants:revoke': ({ id }) => app.grants.revoke(id),
    'grants:revokeAll': () => app.grants.revokeAll(),
    'activity:list': ({ limit }) => app.activity.entries(limit).map(activityDto),
    'activity:exportJsonl': () => ({ jsonl: app.activity.exportJsonl() }),
    'spaces:list': async () =>
      (await dustCall(() => api().listSpaces())).map((space) => ({
        sId: space.sId,
        name: space.name,
        kind: space.kind,
      })),
    'spaces:serverViews': async ({ spaceId }) =>
      (await dustCall(() => api().listServerViews(spaceId))).map((view) => ({
        sId: view.sId,
        name: view.name ?? view.server.name,
        ...((view.description ?? view.server.description)
          ? { description: (view.description ?? view.server.description)! }
          : {}),
        serverType: view.serverType,
        tools: view.server.tools.map((tool) => ({
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          inputSchema: tool.inputSchema,
        })),
      })),
  };
}
