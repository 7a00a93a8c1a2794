import type { AppInfo } from '../shared/ipc-contract.js';
import type { EventHub } from './event-hub.js';
import { HandlerError, type InvokeHandlers } from './ipc-router.js';
import type { AppServices } from './services/create-services.js';
import { serviceHandlers } from './services/service-handlers.js';

/** What the handlers need from the running app. */
export interface HandlerDeps {
  appInfo: AppInfo;
  /** Absent while the app starts (or in tests of the shell alone): those channels say so. */
  services?: { app: AppServices; hub: EventHub };
}

/** One line per contract channel. */
export function createHandlers(deps: HandlerDeps): InvokeHandlers {
  const notReady = () => {
    throw new HandlerError('offline', 'The app is still starting. Try again in a moment.');
  };
  const services = deps.services
    ? serviceHandlers(deps.services.app, deps.services.hub)
    : undefined;
  return {
    'app:getInfo': () => deps.appInfo,
    // The transport acts on readiness (it knows which window sent it); the router only answers.
    'app:rendererReady': () => undefined,
    ...(services ?? notReadyHandlers(notReady)),
  };
}

function notReadyHandlers(
  fail: () => never,
): Omit<InvokeHandlers, 'app:getInfo' | 'app:rendererReady'> {
  return {
    'app:fileProblems': fail,
    'auth:snapshot': fail,
    'auth:setRegion': fail,
    'auth:startSignIn': fail,
    'auth:cancelSignIn': fail,
    'auth:selectWorkspace': fail,
    'auth:signOut': fail,
    'servers:snapshot': fail,
    'servers:setEnabled': fail,
    'servers:restart': fail,
    'servers:setToolEnabled': fail,
    'approvals:snapshot': fail,
    'approvals:decide': fail,
    'elicitations:snapshot': fail,
    'elicitations:answer': fail,
    'grants:list': fail,
    'grants:revoke': fail,
    'grants:revokeAll': fail,
    'activity:list': fail,
    'activity:exportJsonl': fail,
    'calls:stop': fail,
    'settings:get': fail,
    'settings:set': fail,
    'spaces:list': fail,
    'spaces:serverViews': fail,
    'servers:save': fail,
    'servers:remove': fail,
    'servers:get': fail,
    'servers:test': fail,
    'import:locations': fail,
    'import:preview': fail,
    'import:apply': fail,
    'import:export': fail,
    'rules:list': fail,
    'rules:set': fail,
    'rules:remove': fail,
    'chat:agents': fail,
    'chat:snapshot': fail,
    'chat:ask': fail,
    'chat:followUp': fail,
    'chat:history': fail,
    'chat:open': fail,
    'chat:stop': fail,
    'chat:answerApproval': fail,
    'chat:openInDust': fail,
    'chat:shortcut': fail,
    'chat:setShortcut': fail,
  };
}
