/**
 * Main's half of "the person decides": which command lines the person confirmed on this computer
 * (remembered by hash in `confirmed-commands.json`, a file only main writes), and the questions
 * asked through the Confirmer port.
 *
 * Two ways in. A window request (test, save, enable, import, a wide rule) waits for the answer
 * and is refused in words if the person says no. The runtime, which starts whatever the settings
 * say, asks in the background for a command line nobody confirmed (a hand-edited settings file, a
 * tray toggle, settings from before this check) and starts nothing meanwhile. One question is
 * open at a time, so a hostile window cannot bury the person in dialogs.
 */
import { z } from 'zod';

import { Emitter } from '../../core/emitter.js';
import { errorMessage } from '../../core/error-message.js';
import { Disposable } from '../../core/lifecycle.js';
import type { Files, Logger } from '../../core/ports.js';
import { HandlerError } from '../ipc-router.js';
import { type CommandLine, commandLineHash } from './command-line.js';
import {
  type Confirmation,
  confirmationFor,
  type Confirmer,
  type ConsentAction,
  type ConsentItem,
} from './confirmation.js';

export interface ConsentDeps {
  confirmer: Confirmer;
  files: Files;
  /** Where confirmed command lines are remembered (in the data directory). */
  path: string;
  logger: Logger;
}

const REFUSED: Record<ConsentAction, string> = {
  test: 'You did not allow it, so nothing was started or tested.',
  save: 'You did not allow it, so nothing was saved or started.',
  enable: 'You did not allow it, so the server stays off.',
  import: 'You did not allow it, so nothing was imported.',
  rule: 'You did not allow it, so the rule was not saved.',
  start: 'You did not allow it, so the server was not started.',
  'open-url': 'You did not allow it, so the address was not opened.',
};

/**
 * The remembered-confirmations file for `lines` (a launcher that writes its own sample server, like
 * demo mode).
 */
export function confirmedCommandsText(lines: readonly CommandLine[]): string {
  return JSON.stringify({ version: 1, commandLines: lines.map(commandLineHash) }, null, 2);
}

const ConfirmedFile = z.object({
  version: z.literal(1),
  commandLines: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
});

export class ConsentService extends Disposable {
  private readonly confirmed: Set<string>;
  private open = false;
  /** Background questions (runtime starts) waiting for the open one to be answered. */
  private readonly queued = new Map<string, { server: string; line: CommandLine }>();
  /** Background questions on screen now. */
  private readonly asking = new Set<string>();
  /** Refused in the background this run: not asked again until the person asks from the window. */
  private readonly refused = new Set<string>();
  private writes: Promise<void> = Promise.resolve();
  private readonly _onDidChange = this._register(new Emitter<void>());
  /** A command line was confirmed or refused in the background (the runtime re-syncs). */
  readonly onDidChange = this._onDidChange.event;

  private constructor(
    private readonly deps: ConsentDeps,
    initial: readonly string[],
  ) {
    super();
    this.confirmed = new Set(initial);
  }

  /** Reads the remembered confirmations; an unreadable file means asking again, never a "yes". */
  static async load(deps: ConsentDeps): Promise<ConsentService> {
    const text = await deps.files.readText(deps.path).catch(() => null);
    let hashes: string[] = [];
    if (text !== null) {
      try {
        hashes = ConfirmedFile.parse(JSON.parse(text)).commandLines;
      } catch {
        deps.logger.log(
          'warn',
          'The confirmed command lines could not be read; you will be asked again',
          { path: deps.path },
        );
      }
    }
    return new ConsentService(deps, hashes);
  }

  isConfirmed(line: CommandLine): boolean {
    return this.confirmed.has(commandLineHash(line));
  }

  /**
   * Why an enabled server is not started, in words, while it waits for (or was refused) a
   * confirmation.
   */
  blockedWords(line: CommandLine): string | undefined {
    const hash = commandLineHash(line);
    if (this.confirmed.has(hash)) return undefined;
    const what =
      line.kind === 'remote' ? `the connection to ${new URL(line.url).host}` : 'this command line';
    if (this.refused.has(hash))
      return `Not started: you did not allow ${what}. Turn the server off and on to be asked again.`;
    return `Not started yet: waiting for you to allow ${what} (see the dialog).`;
  }

  /**
   * Asks the person for whatever in `items` is not confirmed yet; resolves once they agreed.
   * Throws `forbidden` in words when they refuse (or a question is already open).
   */
  async require(action: ConsentAction, items: readonly ConsentItem[]): Promise<void> {
    const needed = items.filter((item) => item.kind !== 'run' || !this.isConfirmed(item.line));
    if (needed.length === 0) return;
    if (this.open)
      throw new HandlerError(
        'forbidden',
        'Another question is waiting for your answer in a dialog; answer it first, then try again.',
      );
    const yes = await this.ask(action, needed);
    const runs = needed.flatMap((item) =>
      item.kind === 'run' ? [commandLineHash(item.line)] : [],
    );
    if (!yes) throw new HandlerError('forbidden', REFUSED[action]);
    for (const hash of runs) this.refused.delete(hash);
    this.remember(runs);
    this.drain();
  }

  /**
   * A question that is not about a command line (a server's "open this address?"): asked only
   * when no other question is open (false otherwise, so a server cannot queue dialogs), and a
   * dialog that cannot be shown is a no.
   */
  async confirmOnce(question: Confirmation): Promise<boolean> {
    if (this.open || this._store.isDisposed) return false;
    this.open = true;
    try {
      return await this.deps.confirmer.confirm(question);
    } catch (error) {
      this.deps.logger.log('error', 'Could not ask for confirmation', {
        error: errorMessage(error),
      });
      return false;
    } finally {
      this.open = false;
      this.drain();
    }
  }

  /**
   * The runtime's request: ask in the background (once per command line), start nothing meanwhile.
   */
  requestStart(server: string, line: CommandLine): void {
    const hash = commandLineHash(line);
    if (
      this.confirmed.has(hash) ||
      this.refused.has(hash) ||
      this.queued.has(hash) ||
      this.asking.has(hash)
    )
      return;
    this.queued.set(hash, { server, line });
    this.drain();
  }

  /** A server turned off forgets a background refusal, so turning it on asks again. */
  forgetRefusal(line: CommandLine): void {
    this.refused.delete(commandLineHash(line));
  }

  private drain(): void {
    if (this.open || this.queued.size === 0 || this._store.isDisposed) return;
    const batch = [...this.queued];
    this.queued.clear();
    const hashes = batch.map(([hash]) => hash);
    for (const hash of hashes) this.asking.add(hash);
    const items: ConsentItem[] = batch.map(([, { server, line }]) => ({
      kind: 'run',
      server,
      line,
    }));
    void this.ask('start', items).then((yes) => {
      for (const hash of hashes) this.asking.delete(hash);
      if (yes) this.remember(hashes);
      else for (const hash of hashes) this.refused.add(hash);
      this._onDidChange.fire();
      this.drain();
    });
  }

  private async ask(action: ConsentAction, items: readonly ConsentItem[]): Promise<boolean> {
    this.open = true;
    try {
      return await this.deps.confirmer.confirm(confirmationFor(action, items));
    } catch (error) {
      // A dialog that could not be shown is not a yes.
      this.deps.logger.log('error', 'Could not ask for confirmation', {
        error: errorMessage(error),
      });
      return false;
    } finally {
      this.open = false;
    }
  }

  private remember(hashes: readonly string[]): void {
    const fresh = hashes.filter((hash) => !this.confirmed.has(hash));
    if (fresh.length === 0) return;
    for (const hash of fresh) this.confirmed.add(hash);
    const text = JSON.stringify({ version: 1, commandLines: [...this.confirmed] }, null, 2);
    this.writes = this.writes
      .then(() => this.deps.files.writeTextAtomic(this.deps.path, text))
      .catch((error: unknown) =>
        this.deps.logger.log('warn', 'Could not remember the confirmed command line', {
          error: errorMessage(error),
        }),
      );
  }

  /** Resolves once the remembered confirmations are on disk. */
  flush(): Promise<void> {
    return this.writes;
  }
}
