import { parseCustomDustUrl } from '../../core/auth/regions.js';
import type { EventHub } from '../event-hub.js';
import { HandlerError, type InvokeHandlers } from '../ipc-router.js';
import { chatHandlers } from './chat-handlers.js';
import type { AppServices } from './create-services.js';
import { dustCall } from './dust-call.js';
import { editHandlers } from './edit-handlers.js';
import { elicitationDto } from './elicitation-dto.js';
import { activityDto, authSnapshot, grantDto, pendingCallDto, serverStatuses } from './views.js';

type ServiceHandlers = Omit<InvokeHandlers, 'app:getInfo' | 'app:rendererReady'>;

/** The service channels: each validates nothing itself (the router did), and answers in DTOs. */
export function serviceHandlers(app: AppServices, hub: EventHub): ServiceHandlers {
  const updateServer = async (name: string, change: (entry: { enabled: boolean }) => object) => {
    if (!app.settings.settings.mcpServers[name]) throw new HandlerError('not_found', `There is no server named "${name}".`);
    await app.settings.update((current) => ({
      ...current,
      mcpServers: { ...current.mcpServers, [name]: { ...current.mcpServers[name]!, ...change(current.mcpServers[name]!) } },
    }));
  };
  const api = () => {
    const dust = app.runtime.api;
    if (!dust) throw new HandlerError('unauthenticated', 'Sign in to Dust and pick a workspace first.');
    return dust;
  };
  return {
    ...editHandlers(app),
    ...chatHandlers(app, hub),
    'auth:snapshot': () => hub.snapshot('auth:changed', () => authSnapshot(app)),
    'auth:setRegion': async ({ region, customUrl }) => {
      let url: string | undefined;
      if (region === 'custom') {
        const parsed = parseCustomDustUrl(customUrl ?? '');
        if (!parsed.ok) throw new HandlerError('bad_input', parsed.message);
        url = parsed.url;
      }
      await app.settings.update((current) => ({ ...current, dust: { ...current.dust, region, customUrl: url } }));
      hub.publish('auth:changed', authSnapshot(app));
    },
    'auth:startSignIn': () => {
      void app.auth.startSignIn();
    },
    'auth:cancelSignIn': () => app.auth.cancelSignIn(),
    'auth:selectWorkspace': async ({ workspaceId }) => {
      try {
        await app.auth.selectWorkspace(workspaceId);
      } catch (error) {
        throw new HandlerError('not_found', error instanceof Error ? error.message : String(error));
      }
    },
    'auth:signOut': () => app.auth.signOut(),
    'servers:snapshot': () => hub.snapshot('servers:changed', () => serverStatuses(app)),
    'servers:setEnabled': ({ name, enabled }) => updateServer(name, () => ({ enabled })),
    'servers:restart': async ({ name }) => {
      const bridge = app.runtime.bridgeHost?.get(name);
      if (!bridge) throw new HandlerError('not_found', `"${name}" is not running; enable it first.`);
      await bridge.supervisor.restart();
    },
    'approvals:snapshot': () => hub.snapshot('approvals:changed', () => app.approvals.snapshot().pending.map((call) => pendingCallDto(call, app.knownSecrets.current))),
    'approvals:decide': ({ callId, nonce, decision }) => {
      const outcome = app.approvals.decide(callId, nonce, decision);
      if (!outcome.ok) {
        const words = {
          not_found: 'This request is not waiting for a decision (it may have been answered already).',
          forbidden: 'This decision does not match the request.',
          expired: "Too late: Dust's deadline for this call has passed, and it was denied.",
          already_decided: 'This request was already decided differently.',
        } as const;
        throw new HandlerError(outcome.error, words[outcome.error]);
      }
      return { repeated: outcome.repeated };
    },
    'elicitations:snapshot': () => hub.snapshot('elicitations:changed', () => app.elicitations.pending().map((form) => elicitationDto(form, app.knownSecrets.current))),
    'elicitations:answer': (input) => {
      const outcome = app.elicitations.answer(input.id, input.nonce, input.action === 'accept' ? { action: 'accept', content: input.content } : { action: input.action });
      if (!outcome.ok) throw new HandlerError(outcome.error, outcome.message);
    },
    'grants:list': () => app.grants.grants.map(grantDto),
    'grants:revoke': ({ id }) => app.grants.revoke(id),
    'grants:revokeAll': () => app.grants.revokeAll(),
    'activity:list': ({ limit }) => app.activity.entries(limit).map(activityDto),
    'activity:exportJsonl': () => ({ jsonl: app.activity.exportJsonl() }),
    'spaces:list': async () => (await dustCall(() => api().listSpaces())).map((space) => ({ sId: space.sId, name: space.name, kind: space.kind })),
    'spaces:serverViews': async ({ spaceId }) =>
      (await dustCall(() => api().listServerViews(spaceId))).map((view) => ({
        sId: view.sId,
        name: view.name ?? view.server.name,
        ...((view.description ?? view.server.description) ? { description: (view.description ?? view.server.description)! } : {}),
        serverType: view.serverType,
        tools: view.server.tools.map((tool) => ({ name: tool.name, ...(tool.description ? { description: tool.description } : {}), inputSchema: tool.inputSchema })),
      })),
  };
}
