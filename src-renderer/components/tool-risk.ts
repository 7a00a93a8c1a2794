/**
 * How much a tool can change, for the badge on its card. The server's own `destructiveHint` or a
 * name that says it writes (write_file, editFile, delete, move, run…) makes it risky; a tool the
 * server calls read-only gets a quiet badge. Both are claims by the server or its naming, shown as
 * such: a name that says "write" wins over a read-only claim.
 */
export type ToolRisk = 'changes' | 'read-only' | 'unknown';

const CHANGING_WORDS = new Set([
  'write',
  'edit',
  'create',
  'delete',
  'remove',
  'rm',
  'move',
  'mv',
  'rename',
  'overwrite',
  'append',
  'patch',
  'put',
  'update',
  'upload',
  'exec',
  'execute',
  'run',
  'kill',
  'drop',
  'truncate',
  'insert',
  'set',
  'save',
  'send',
  'post',
  'mkdir',
  'install',
  'uninstall',
  'commit',
  'push',
  'merge',
  'reset',
  'apply',
  'replace',
]);

/** `write_file`, `editFile`, `create-directory` → their words, lower case. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function toolRisk(tool: {
  name: string;
  destructiveHint?: boolean | undefined;
  readOnlyHint?: boolean | undefined;
}): ToolRisk {
  if (
    tool.destructiveHint === true ||
    nameWords(tool.name).some((word) => CHANGING_WORDS.has(word))
  )
    return 'changes';
  if (tool.readOnlyHint === true) return 'read-only';
  return 'unknown';
}

export const riskWords: Record<Exclude<ToolRisk, 'unknown'>, { badge: string; title: string }> = {
  changes: {
    badge: 'Can change files or data',
    title:
      'The tool says it can change or delete things, or its name says it writes. Check the arguments.',
  },
  'read-only': {
    badge: 'Read-only',
    title: 'The server says this tool only reads. That is its claim, not a proof.',
  },
};
