/**
 * The apps we import MCP server configurations from, listed once: the contract's enum, the
 * importers' `ImportSource` and the window's source picker all derive from this list.
 *
 * No imports, so the renderer may bundle it (the lint config allows this value import).
 */
export const IMPORT_SOURCES = ['claude-desktop', 'cursor', 'vscode', 'cline', 'roo'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Each app's name as people know it. */
export const IMPORT_SOURCE_LABELS: Readonly<Record<ImportSource, string>> = {
  'claude-desktop': 'Claude Desktop',
  cursor: 'Cursor',
  vscode: 'VS Code',
  cline: 'Cline',
  roo: 'Roo Code',
};
