/**
 * Main's "open this address?" for a local server's URL-mode elicitation. The window never sees
 * or answers it: the question goes through the Confirmer (Electron's native dialog), and only a
 * "yes" opens the one address that was shown, through an opener that opens what it is handed
 * (the window's links still go through the external-link allowlist, which this does not widen).
 */
import type { CancellationToken } from '../../core/cancellation.js';
import type { OpenUrlConsent, UrlElicitationRequest } from '../../core/elicitation/url-mode.js';
import { errorMessage } from '../../core/error-message.js';
import type { Clock, Logger, Timers, UrlOpener } from '../../core/ports.js';
import { revealInvisible } from './command-line.js';
import type { Confirmation } from './confirmation.js';
import type { ConsentService } from './consent-service.js';

/**
 * Beyond this, the URL and the server's message are cut in the dialog, saying how much is not
 * shown.
 */
const MAX_URL_CHARS = 2000;
const MAX_MESSAGE_CHARS = 500;

function cut(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters not shown)`;
}

/** The dialog's words (pure, so they are tested without a dialog). */
export function openUrlConfirmation(request: UrlElicitationRequest): Confirmation {
  const server = `"${revealInvisible(request.server)}"`;
  const tool =
    request.tool === undefined ? 'a tool call' : `its tool "${revealInvisible(request.tool)}"`;
  const parts = [
    `${server} asks, while it runs ${tool}, to open this address in your browser.`,
    `Host: ${revealInvisible(request.host)}`,
    `Full address:\n${cut(revealInvisible(request.url), MAX_URL_CHARS)}`,
  ];
  if (request.message.trim() !== '')
    parts.push(
      `The server's reason (its own words): ${cut(revealInvisible(request.message), MAX_MESSAGE_CHARS)}`,
    );
  parts.push(
    'A local server asked for this while it works on a tool call.',
    'Open it only if you expect this page. If you did not, choose "Don\'t allow".',
  );
  return {
    action: 'open-url',
    items: [{ kind: 'open-url', server: request.server, tool: request.tool, url: request.url }],
    title: 'Open an address in your browser?',
    message: `Open ${revealInvisible(request.host)} for ${server}?`,
    detail: parts.join('\n\n'),
    confirmLabel: 'Allow and open',
    cancelLabel: "Don't allow",
  };
}

export interface OpenUrlConsentDeps {
  consent: Pick<ConsentService, 'confirmOnce'>;
  /** Opens exactly the address it is handed, in the system browser (after the person's yes). */
  opener: UrlOpener;
  logger: Logger;
  clock: Clock;
  timers: Timers;
}

export function createOpenUrlConsent(deps: OpenUrlConsentDeps): OpenUrlConsent {
  return async (request: UrlElicitationRequest, cancellation: CancellationToken) => {
    if (cancellation.isCancelled) return 'cancel';
    // The native dialog cannot be withdrawn, so the call ending answers the server at once and a
    // late yes opens nothing.
    let ended = false;
    const owned: Array<{ dispose(): void }> = [];
    const endedFirst = new Promise<'cancel'>((resolve) => {
      const end = () => ((ended = true), resolve('cancel'));
      owned.push(
        cancellation.onCancelled(end),
        deps.timers.setTimeout(end, Math.max(0, request.deadlineAt - deps.clock.now())),
      );
    });
    const asked = deps.consent
      .confirmOnce(openUrlConfirmation(request))
      .then(async (yes): Promise<'accept' | 'decline' | 'cancel'> => {
        if (ended || cancellation.isCancelled) return 'cancel';
        if (!yes) return 'decline';
        try {
          await deps.opener.open(request.url);
          return 'accept';
        } catch (error) {
          deps.logger.log('warn', 'Could not open the address a server asked for', {
            server: request.server,
            error: errorMessage(error),
          });
          return 'decline';
        }
      });
    try {
      return await Promise.race([asked, endedFirst]);
    } finally {
      for (const item of owned) item.dispose();
    }
  };
}
