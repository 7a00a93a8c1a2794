/**
 * The person's word, asked by main: the port the Electron shell implements with a native dialog,
 * the e2e harness with a script, and headless mode not at all (there, the servers file and
 * `--allow` are the person's word). The window can only ask main to do something; main asks the
 * person here before it runs a program, trusts a server's hints or allows many tools at once.
 */
import type { CommandLine, CommandLineView } from './command-line.js';
import { describeCommandLine, revealInvisible, viewOf } from './command-line.js';

export type ConsentItem =
  /** Start `line` for `server` (a new or changed command line). */
  | { kind: 'run'; server: string; line: CommandLine }
  /** Mark `server` trusted: tools that say they only read then run without asking. */
  | { kind: 'trust'; server: string }
  /** An allow rule whose tool glob matches more than one tool. */
  | { kind: 'wide-rule'; server: string; tool: string };

/** What the window asked for, named in the dialog so the person knows why it appeared. */
export type ConsentAction = 'test' | 'save' | 'enable' | 'import' | 'rule' | 'start';

/** An item as the Confirmer sees it: the command line without any env value. */
export type ConfirmationItem = Exclude<ConsentItem, { kind: 'run' }> | { kind: 'run'; server: string; line: CommandLineView };

export interface Confirmation {
  action: ConsentAction;
  /** What is asked, for scripted implementations and logs (env keys only, secret-looking args masked). */
  items: readonly ConfirmationItem[];
  /** The words of the dialog. */
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
  cancelLabel: string;
}

export interface Confirmer {
  /** Resolves true only when the person chose `confirmLabel`. */
  confirm(question: Confirmation): Promise<boolean>;
}

const WHY: Record<ConsentAction, string> = {
  test: 'You (or something in the app window) asked to test this server.',
  save: 'You (or something in the app window) asked to save this server.',
  enable: 'You (or something in the app window) asked to turn this server on.',
  import: 'You (or something in the app window) asked to import these servers.',
  rule: 'You (or something in the app window) asked to change a permission.',
  start: 'This server is in your settings but this command line was never confirmed on this computer.',
};

/** The dialog's words for `items` (pure, so the wording is tested without a dialog). */
export function confirmationFor(action: ConsentAction, items: readonly ConsentItem[]): Confirmation {
  const runs = items.filter((item) => item.kind === 'run');
  const parts: string[] = [];
  for (const item of items) {
    const server = `"${revealInvisible(item.server)}"`;
    if (item.kind === 'run') parts.push(`Run for ${server}:\n${describeCommandLine(item.line)}`);
    else if (item.kind === 'trust') parts.push(`Trust ${server}: its tools that say they only read will run without asking you.`);
    else parts.push(`Allow every tool of ${server} matching "${revealInvisible(item.tool)}" without asking you.`);
  }
  parts.push(WHY[action], 'If you did not ask for this, choose "Don\'t allow".');
  const title = runs.length > 0 ? 'Run a program on this computer?' : 'Give a permission?';
  const message =
    runs.length > 1
      ? `Allow ${runs.length} programs to run on this computer?`
      : runs.length === 1
        ? `Allow "${revealInvisible(runs[0]!.server)}" to run this program on this computer?`
        : items.length === 1 && items[0]!.kind === 'trust'
          ? `Trust "${revealInvisible(items[0]!.server)}"?`
          : 'Allow tools to run without asking you?';
  const shown = items.map((item): ConfirmationItem => (item.kind === 'run' ? { kind: 'run', server: item.server, line: viewOf(item.line) } : item));
  return { action, items: shown, title, message, detail: parts.join('\n\n'), confirmLabel: runs.length > 0 ? 'Allow and run' : 'Allow', cancelLabel: "Don't allow" };
}
