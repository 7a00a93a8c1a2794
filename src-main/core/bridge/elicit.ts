import {
  computeDeadline,
  DEADLINE_SAFETY_MARGIN_MS,
  DUST_TOOL_CALL_BUDGET_MS,
} from '../approvals/approval-types.js';
import type { ElicitationService } from '../elicitation/elicitation-service.js';
import { readFormSchema } from '../elicitation/form-schema.js';
import { checkElicitationUrl, type OpenUrlConsent } from '../elicitation/url-mode.js';
import type { Logger } from '../ports.js';
import type { McpRelay } from '../relay/mcp-relay.js';
import type { ClientAnswer } from '../servers/client-role.js';

const INVALID_PARAMS = -32602;

export interface ElicitDeps {
  serverName: string;
  service: ElicitationService;
  /** The relay of this server's bridge (for its running calls); undefined before it exists. */
  relay: () => McpRelay | undefined;
  /** Main's "open this address?" question; absent: URL mode is not offered. */
  openUrl?: OpenUrlConsent;
  logger: Logger;
}

/**
 * Answers a local server's `elicitation/create` by asking the person: a form in the window, or
 * (URL mode, where `openUrl` is given) main's own "open this address?" dialog, never the window.
 *
 * A form belongs to the tool call that is running on that server (stdio carries no link, so the
 * oldest running call is the one: it started first, and a server asks while it works on a call).
 * Its deadline is inside that call's 3-minute budget, and it is withdrawn when the call ends or
 * Dust cancels it. Outside a tool call no one is waiting for an answer, so it is declined.
 */
export function elicitFromPerson(deps: ElicitDeps): (params: unknown) => Promise<ClientAnswer> {
  return async (params) => {
    const request =
      typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
    if (request['mode'] === 'url') return askToOpen(deps, request);
    const form = readFormSchema(request['requestedSchema']);
    if (!form.ok)
      return {
        error: { code: INVALID_PARAMS, message: `This form cannot be shown: ${form.problem}.` },
      };
    const running = deps.relay()?.runningCalls()[0];
    if (!running) {
      deps.logger.log('info', 'declined an elicitation outside a tool call', {
        server: deps.serverName,
      });
      return { result: { action: 'decline' } };
    }
    const { call, cancellation } = running;
    const deadlineAt = computeDeadline(
      call.receivedAt,
      DUST_TOOL_CALL_BUDGET_MS - DEADLINE_SAFETY_MARGIN_MS,
      call.publishedAt,
    );
    const message = typeof request['message'] === 'string' ? request['message'] : '';
    const response = await deps.service.ask(
      { server: deps.serverName, tool: call.tool.name, message, fields: form.fields, deadlineAt },
      cancellation,
    );
    // The action only: what the person typed is for the server, not for logs.
    deps.logger.log('info', 'elicitation answered', {
      server: deps.serverName,
      tool: call.tool.name,
      action: response.action,
    });
    return { result: response };
  };
}

async function askToOpen(
  deps: ElicitDeps,
  request: Record<string, unknown>,
): Promise<ClientAnswer> {
  const server = deps.serverName;
  if (!deps.openUrl) {
    return {
      error: {
        code: INVALID_PARAMS,
        message:
          'Dust MCP Tray offers form elicitation only here; it does not open addresses for a server.',
      },
    };
  }
  const checked = checkElicitationUrl(request['url']);
  if (!checked.ok) {
    // Declined without asking: the person is never shown an address that could run a program.
    deps.logger.log('warn', `declined an address a server asked to open: ${checked.problem}`, {
      server,
    });
    return { result: { action: 'decline' } };
  }
  const running = deps.relay()?.runningCalls()[0];
  if (!running) {
    deps.logger.log('info', 'declined an address to open outside a tool call', { server });
    return { result: { action: 'decline' } };
  }
  const { call, cancellation } = running;
  const message = typeof request['message'] === 'string' ? request['message'] : '';
  const deadlineAt = computeDeadline(
    call.receivedAt,
    DUST_TOOL_CALL_BUDGET_MS - DEADLINE_SAFETY_MARGIN_MS,
    call.publishedAt,
  );
  const action = await deps.openUrl(
    { server, tool: call.tool.name, url: checked.url, host: checked.host, message, deadlineAt },
    cancellation,
  );
  deps.logger.log('info', 'address elicitation answered', {
    server,
    tool: call.tool.name,
    host: checked.host,
    action,
  });
  return { result: { action } };
}
