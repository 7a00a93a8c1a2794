import type { ConversationService } from '../../core/chat/conversation-service.js';
import { ChatSendError } from '../../core/chat/conversation-service.js';
import { DustApiError } from '../../core/dust/dust-errors.js';
import { errorMessage } from '../../core/error-message.js';
import type { EventHub } from '../event-hub.js';
import { createExternalLinkPolicy } from '../external-links.js';
import { HandlerError, type InvokeHandlers } from '../ipc-router.js';
import { agentDto, conversationDto } from './chat-views.js';
import type { AppServices } from './create-services.js';
import { dustCall } from './dust-call.js';

type ChatChannels = Extract<keyof InvokeHandlers, `chat:${string}`>;

/** "Ask an agent": the composer's channels over the ChatRuntime. */
export function chatHandlers(app: AppServices, hub: EventHub): Pick<InvokeHandlers, ChatChannels> {
  const service = (): ConversationService => {
    const current = app.chat.service;
    if (!current)
      throw new HandlerError('unauthenticated', 'Sign in to Dust and pick a workspace first.');
    return current;
  };
  const known = (conversationId: string) => {
    const view = service().get(conversationId);
    if (!view)
      throw new HandlerError(
        'not_found',
        'This conversation was not started in this app (or you signed out since).',
      );
    return view;
  };
  const dto = (view: Parameters<typeof conversationDto>[0]) =>
    conversationDto(view, app.knownSecrets.current);
  return {
    'chat:agents': async () => (await dustCall(() => service().listAgents())).map(agentDto),
    'chat:snapshot': () => hub.snapshot('chat:changed', () => app.chat.list().map(dto)),
    'chat:ask': async (input) => dto(await sending(() => service().ask(input))),
    'chat:followUp': async ({ conversationId, ...input }) => {
      known(conversationId);
      return dto(await sending(() => service().followUp(conversationId, input)));
    },
    'chat:history': () => {
      const live = new Set(app.chat.list().map((view) => view.conversationId));
      return app.chat.history().map((entry) => ({
        conversationId: entry.conversationId,
        agentId: entry.agentId,
        title: entry.title,
        ...(entry.url ? { url: entry.url } : {}),
        updatedAt: entry.updatedAt,
        live: live.has(entry.conversationId),
      }));
    },
    'chat:open': async ({ conversationId }) => {
      const entry = app.chat.history().find((e) => e.conversationId === conversationId);
      // Only conversations this app started: others never carried our servers, and reading any id
      // the page names would turn the window into a reader of the whole workspace.
      if (!entry && !service().get(conversationId))
        throw new HandlerError('not_found', 'This conversation was not started in this app.');
      return dto(await sending(() => service().open(conversationId, entry?.agentId ?? '')));
    },
    'chat:stop': ({ conversationId }) => {
      known(conversationId);
      return dustCall(() => service().stop(conversationId));
    },
    'chat:answerApproval': ({ conversationId, actionId, verdict }) => {
      const view = known(conversationId);
      if (!view.approvals.some((approval) => approval.actionId === actionId)) {
        throw new HandlerError(
          'already_decided',
          'Dust is not waiting for this approval any more (it was answered or the message ended).',
        );
      }
      return dustCall(() => service().answerApproval(conversationId, actionId, verdict));
    },
    'chat:openInDust': async ({ conversationId }) => {
      const view = known(conversationId);
      const { customUrl, region } = app.settings.settings.dust;
      const url =
        view.url &&
        createExternalLinkPolicy({ customDustUrl: region === 'custom' ? customUrl : undefined })(
          view.url,
        );
      if (!url)
        throw new HandlerError(
          'forbidden',
          'Dust gave no link for this conversation that the app may open.',
        );
      await app.urls.open(url);
    },
    'chat:shortcut': () => app.askShortcut.state,
    'chat:setShortcut': async ({ accelerator }) => {
      try {
        return await app.askShortcut.set(accelerator);
      } catch (error) {
        throw new HandlerError('bad_input', errorMessage(error));
      }
    },
  };
}

/** A refused message in words; the code tells the window whether waiting helps. */
async function sending<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ChatSendError)) {
      return dustCall(() => {
        throw error;
      });
    }
    const cause = error.cause;
    if (error.usage)
      throw new HandlerError(
        error.usage.kind === 'rate_limited' ? 'rate_limited' : 'forbidden',
        error.message,
      );
    if (cause instanceof DustApiError)
      throw new HandlerError(
        cause.status === 401 ? 'unauthenticated' : cause.status === 404 ? 'not_found' : 'forbidden',
        error.message,
      );
    if (cause !== undefined)
      throw new HandlerError('offline', `Dust could not be reached: ${error.message}`);
    throw new HandlerError('bad_input', error.message);
  }
}
