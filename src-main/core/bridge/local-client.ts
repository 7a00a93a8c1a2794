import type { Logger } from '../ports.js';
import { answerBasics, type ClientAnswer, type ClientRole } from '../servers/client-role.js';
import { folderName, folderToFileUri } from '../servers/file-uri.js';

export interface LocalClientDeps {
  serverName: string;
  /** The folders this server may see (settings), read at every `roots/list`. */
  roots: () => readonly string[];
  /**
   * Puts an `elicitation/create` in front of the person; absent where no one can answer
   * (headless), and then every elicitation is declined and logged.
   */
  elicit?: (params: unknown) => Promise<ClientAnswer>;
  /** Whether `elicit` can also ask main's "open this address?" (URL mode). */
  elicitUrls?: boolean;
  logger: Logger;
}

/**
 * The app as the MCP client of one local server: what it declares and how it answers the
 * server's own requests.
 *
 * - `roots`: always declared (with `listChanged`), so a server that honours roots
 *   (server-filesystem) is held to the folders the person chose; none chosen means an empty list.
 * - `elicitation`: form mode, declared only where a person can answer; URL mode (`url: {}`, as the
 *   MCP SDK's client capabilities spell it) only where main can ask "open this address?" itself.
 * - `sampling`: not offered; a server that asks anyway is told so in words.
 */
export class LocalClient implements ClientRole {
  constructor(private readonly deps: LocalClientDeps) {}

  capabilities(): Record<string, unknown> {
    return {
      roots: { listChanged: true },
      ...(this.deps.elicit
        ? { elicitation: { form: {}, ...(this.deps.elicitUrls ? { url: {} } : {}) } }
        : {}),
    };
  }

  async answer(method: string, params: unknown): Promise<ClientAnswer> {
    switch (method) {
      case 'roots/list':
        return { result: { roots: this.listRoots() } };
      case 'elicitation/create':
        if (this.deps.elicit) return this.deps.elicit(params);
        this.deps.logger.log('info', 'declined an elicitation: no one can answer it here', {
          server: this.deps.serverName,
        });
        return { result: { action: 'decline' } };
      case 'sampling/createMessage':
        this.deps.logger.log('info', 'refused a sampling request: not offered', {
          server: this.deps.serverName,
        });
        return answerBasics(method);
      default:
        return answerBasics(method);
    }
  }

  private listRoots(): Array<{ uri: string; name: string }> {
    return this.deps
      .roots()
      .map((folder) => ({ uri: folderToFileUri(folder), name: folderName(folder) }));
  }
}
