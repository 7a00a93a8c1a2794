import { z } from 'zod';

import { IMPORT_SOURCES } from '../import-sources.js';

/** The apps we import from (the list is in src-main/shared/import-sources.ts). */
export const ImportSourceDto = z.enum(IMPORT_SOURCES);
export type ImportSourceDto = z.infer<typeof ImportSourceDto>;

/** A config file of another app that exists on this machine. */
export const ImportLocationDto = z.object({
  source: ImportSourceDto,
  label: z.string(),
  path: z.string(),
  sizeBytes: z.number(),
});
export type ImportLocationDto = z.infer<typeof ImportLocationDto>;

/**
 * Preview a file: its text (pasted, or read by the page from a file the person picked), or the
 * path of one of the locations `import:locations` listed (main reads no other path).
 */
export const ImportPreviewInput = z
  .object({
    source: ImportSourceDto,
    text: z.string().max(1_000_000).optional(),
    path: z.string().min(1).max(4096).optional(),
  })
  .refine((input) => (input.text === undefined) !== (input.path === undefined), {
    message: 'give exactly one of text and path',
    path: ['text'],
  });
export type ImportPreviewInput = z.infer<typeof ImportPreviewInput>;

export const PolicyRuleDto = z.object({
  server: z.string(),
  tool: z.string(),
  action: z.enum(['allow', 'deny', 'ask']),
  source: z.enum(['user', 'import', 'headless-flag']).optional(),
});
export type PolicyRuleDto = z.infer<typeof PolicyRuleDto>;

const PreviewServerDto = z.object({
  name: z.string(),
  command: z.string(),
  args: z.array(z.string()),
  envKeys: z.array(z.string()),
  cwd: z.string().optional(),
  /** Folders it may see (MCP roots), e.g. the VS Code workspace folder. */
  roots: z.array(z.string()).optional(),
  enabled: z.boolean(),
  dustName: z.string(),
  dustNameNote: z.string().optional(),
  /** Plain-text values found in the file that will be moved to the keychain (never the value). */
  secretsFound: z.array(z.object({ envKey: z.string(), reason: z.string() })),
  secretsToFill: z.array(
    z.object({ envKey: z.string(), secretName: z.string(), reason: z.string() }),
  ),
  warnings: z.array(z.string()),
  conflict: z.object({ sameCommand: z.boolean() }).optional(),
  /** A remote server: `command` is then its URL (origin + path) and `envKeys` its header names. */
  remote: z
    .object({ url: z.string(), host: z.string(), transport: z.enum(['http', 'sse']) })
    .optional(),
});

/**
 * The plan main keeps (with the raw values) is referred to by `planId`; only this preview crosses.
 */
export const ImportPreviewOutput = z.object({
  planId: z.string(),
  source: ImportSourceDto,
  servers: z.array(PreviewServerDto),
  rules: z.array(PolicyRuleDto),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  conflicts: z.array(z.object({ name: z.string(), sameCommand: z.boolean() })),
  notes: z.array(z.string()),
});
export type ImportPreviewOutput = z.infer<typeof ImportPreviewOutput>;

const name64 = z.string().min(1).max(64);

export const ImportApplyInput = z.object({
  planId: z.string().min(1).max(200),
  choices: z.object({
    /** Names (as in the source) to import; default: all. */
    servers: z.array(name64).max(500).optional(),
    /** For names already in settings; default skip. */
    onConflict: z
      .record(name64, z.union([z.enum(['skip', 'replace']), z.object({ renameTo: name64 })]))
      .optional(),
    /** Env keys, per server, to keep as plain text although they look secret. */
    keepPlain: z.record(name64, z.array(z.string().max(256)).max(256)).optional(),
    /** Values for `secretsToFill`, per server and secret name (moved to the keychain at once). */
    fillSecrets: z.record(name64, z.record(z.string().max(256), z.string().max(32_768))).optional(),
    importRules: z.boolean().optional(),
  }),
});
export type ImportApplyInput = z.infer<typeof ImportApplyInput>;

export const ImportApplyOutput = z.object({
  imported: z.array(z.string()),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  movedSecrets: z.array(z.object({ server: z.string(), envKey: z.string() })),
  unfilled: z.array(z.object({ server: z.string(), secretName: z.string() })),
});
export type ImportApplyOutput = z.infer<typeof ImportApplyOutput>;

/** The servers as `{"mcpServers": …}` JSON for another app; keychain values stay placeholders. */
export const ExportOutput = z.object({
  json: z.string(),
  serverCount: z.number().int().nonnegative(),
  toFill: z.array(z.object({ server: z.string(), key: z.string(), placeholder: z.string() })),
});
export type ExportOutput = z.infer<typeof ExportOutput>;

export const RuleInput = z.object({
  server: name64,
  /** A glob over the tool's name (`*` matches any run of characters). */
  tool: z.string().min(1).max(200),
  action: z.enum(['allow', 'deny', 'ask']),
});
export const RuleKeyInput = z.object({ server: name64, tool: z.string().min(1).max(200) });
