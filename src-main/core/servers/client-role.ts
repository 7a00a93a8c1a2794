/**
 * Our side as the MCP client of a local server: the capabilities we declare in `initialize` and
 * the answers to the requests the server sends us (MCP "client features": roots, elicitation,
 * sampling, ping).
 *
 * Dust cannot carry these: its transport drops any message whose id is not one of its own
 * requests. So they are answered here, on this machine, by the settings or by the person.
 */
export type ClientAnswer = { result: unknown } | { error: { code: number; message: string } };

export interface ClientRole {
  /** `capabilities` of our `initialize` request. */
  capabilities(): Record<string, unknown>;
  /** Answers one request from the server (never rejects). */
  answer(method: string, params: unknown): Promise<ClientAnswer>;
}

export const METHOD_NOT_FOUND = -32601;

/** What every client answers, whatever it declares: ping, and words for what it does not offer. */
export function answerBasics(method: string): ClientAnswer {
  switch (method) {
    case 'ping':
      return { result: {} };
    case 'sampling/createMessage':
      return {
        error: {
          code: METHOD_NOT_FOUND,
          message:
            'Dust MCP Tray does not offer sampling: it has no language model of its own to run for a server. Do the work without asking the client for a completion.',
        },
      };
    default:
      return {
        error: {
          code: METHOD_NOT_FOUND,
          message: `Method not found: ${method} (Dust MCP Tray does not offer it to local servers).`,
        },
      };
  }
}

/** A client that declares nothing: ping answered, everything else refused in words. */
export const BASIC_CLIENT_ROLE: ClientRole = {
  capabilities: () => ({}),
  answer: (method) => Promise.resolve(answerBasics(method)),
};
