import type { AppInfo } from '../shared/ipc-contract.js';
import type { InvokeHandlers } from './ipc-router.js';

/** What the handlers need from the running app; grows as services are added. */
export interface HandlerDeps {
  appInfo: AppInfo;
}

/** One line per contract channel. */
export function createHandlers(deps: HandlerDeps): InvokeHandlers {
  return {
    'app:getInfo': () => deps.appInfo,
    // The transport acts on readiness (it knows which window sent it); the router only answers.
    'app:rendererReady': () => undefined,
  };
}
