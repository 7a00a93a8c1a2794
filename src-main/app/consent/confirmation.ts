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

/**
 * What the window asked for (or, for `open-url`, a local server), named in the dialog so the person
 * knows why it appeared.
 */
export type ConsentAction = 'test' | 'save' | 'enable' | 'import' | 'rule' | 'start' | 'open-url';

/**
 * A local server asks, during a call of `tool`, to open `url` in the browser (MCP elicitation, URL
 * mode).
 */
export interface OpenUrlItem {
  kind: 'open-url';
  server: string;
  tool: string | undefined;
  url: string;
}

/** An item as the Confirmer sees it: the command line without any env value. */
export type ConfirmationItem =
  | Exclude<ConsentItem, { kind: 'run' }>
  | { kind: 'run'; server: string; line: CommandLineView }
  | OpenUrlItem;

export interface Confirmation {
  action: ConsentAction;
  /**
   * What is asked, for scripted implementations and logs (env keys only, secret-looking args
   * masked).
   */
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
  start:
    'This server is in your settings but this command line was never confirmed on this computer.',
  'open-url': 'A local server asked for this while it works on a tool call.',
};

/** The dialog's words for `items` (pure, so the wording is tested without a dialog). */
export function confirmationFor(
  action: ConsentAction,
  items: readonly ConsentItem[],
): Confirmation {
  const runs = items.filter((item) => item.kind === 'run');
  const remotes = runs.filter((item) => item.line.kind === 'remote');
  const programs = runs.length - remotes.length;
  const parts: string[] = [];
  for (const item of items) {
    const server = `"${revealInvisible(item.server)}"`;
    if (item.kind === 'run')
      parts.push(
        `${item.line.kind === 'remote' ? 'Connect' : 'Run'} for ${server}:\n${describeCommandLine(item.line)}`,
      );
    else if (item.kind === 'trust')
      parts.push(`Trust ${server}: its tools that say they only read will run without asking you.`);
    else
      parts.push(
        `Allow every tool of ${server} matching "${revealInvisible(item.tool)}" without asking you.`,
      );
  }
  const why =
    action === 'start' && programs === 0 && remotes.length > 0
      ? WHY.start.replace('this command line', 'this URL')
      : WHY[action];
  parts.push(why, 'If you did not ask for this, choose "Don\'t allow".');
  const shown = items.map((item): ConfirmationItem =>
    item.kind === 'run' ? { kind: 'run', server: item.server, line: viewOf(item.line) } : item,
  );
  return {
    action,
    items: shown,
    ...headline(items, programs, remotes),
    detail: parts.join('\n\n'),
    cancelLabel: "Don't allow",
  };
}

type RunItem = Extract<ConsentItem, { kind: 'run' }>;

/**
 * Title, question and button: a program run on this computer, a connection to a host, or a
 * permission.
 */
function headline(
  items: readonly ConsentItem[],
  programs: number,
  remotes: readonly RunItem[],
): { title: string; message: string; confirmLabel: string } {
  const runs = programs + remotes.length;
  if (runs === 0) {
    const only = items.length === 1 ? items[0] : undefined;
    const message =
      only?.kind === 'trust'
        ? `Trust "${revealInvisible(only.server)}"?`
        : 'Allow tools to run without asking you?';
    return { title: 'Give a permission?', message, confirmLabel: 'Allow' };
  }
  if (programs === 0) {
    const first = remotes[0]!;
    const host = first.line.kind === 'remote' ? new URL(first.line.url).host : '';
    const message =
      remotes.length > 1
        ? `Allow ${remotes.length} servers to connect to remote hosts?`
        : `Allow "${revealInvisible(first.server)}" to connect to ${host}?`;
    return { title: 'Connect to a remote server?', message, confirmLabel: 'Allow and connect' };
  }
  const single = items.find((item): item is RunItem => item.kind === 'run');
  const message =
    runs > 1
      ? remotes.length > 0
        ? `Allow ${programs} program(s) to run on this computer and ${remotes.length} server(s) to connect?`
        : `Allow ${runs} programs to run on this computer?`
      : `Allow "${revealInvisible(single!.server)}" to run this program on this computer?`;
  return { title: 'Run a program on this computer?', message, confirmLabel: 'Allow and run' };
}
