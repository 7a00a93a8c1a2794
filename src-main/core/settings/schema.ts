/**
 * The settings file (`settings.json`), version 1.
 *
 * Servers keep the `mcpServers` shape people know from Claude Desktop, Cursor and Cline
 * (`{command, args, env}`) plus our fields. Every section has defaults, so `{}` or a bare
 * `{"mcpServers": {...}}` pasted from another app is a valid file. Objects are strict: a typo
 * ("comand") is reported with its path instead of being dropped on the next save.
 *
 * There is deliberately no field for a token or a password: Dust tokens live in the keychain
 * (ARCHITECTURE.md#secrets), and server secrets appear here only as `${secret:NAME}`
 * placeholders. A key that looks like one is rejected with that reason (parse-settings.ts).
 */
import { z } from 'zod';

import type { PolicyRule } from '../policy/rules.js';
import { checkAccelerator } from './accelerator.js';
import { entryCommonFields } from './entry-common.js';
import { isRemoteShape, RemoteEntry, type RemoteServerEntry } from './remote-entry.js';

export const SETTINGS_VERSION = 1;

/**
 * Dust gives a tool call 3 minutes; our deadline must fire before it
 * (docs/protocol/client-side-mcp.md#timeouts).
 */
export const MAX_DEADLINE_SECONDS = 170;

/** Keys that look like a place for a token: reported with where tokens belong instead. */
export const TOKEN_LIKE_KEY = /token|secret|password|passwd|apikey|api_key|credential/i;

/**
 * `/…`, `C:\…` or `C:/…`, or a UNC `\\server\share`: a folder path that means the same from
 * anywhere.
 */
function isAbsoluteFolder(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(path);
}

const isLocalHost = (host: string): boolean =>
  host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** https anywhere; plain http only to this machine (the Dust emulator, a dev front). */
const webUrl = z.string().refine(
  (value) => {
    if (!URL.canParse?.(value)) return false;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname));
  },
  { message: 'must be an https:// URL (http:// is allowed only for localhost)' },
);

const DustSettings = z
  .strictObject({
    region: z.enum(['us', 'eu', 'custom']).default('us'),
    customUrl: webUrl.optional(),
    workspaceId: z.string().min(1).optional(),
    workosClientId: z.string().min(1).optional(),
    authBaseUrl: webUrl.optional(),
  })
  .superRefine((dust, ctx) => {
    if (dust.region === 'custom' && dust.customUrl === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['customUrl'],
        message: 'is required when region is "custom"',
      });
    }
  });

const StdioEntry = z.strictObject({
  /**
   * Accepted so entries pasted from VS Code or Cline parse; remote ones have `url`
   * (remote-entry.ts).
   */
  type: z.literal('stdio').optional(),
  command: z.string().trim().min(1, 'must not be empty'),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().min(1).optional(),
  ...entryCommonFields,
  /**
   * "Folders it may see": absolute paths offered to the server as MCP roots (a server such as
   * server-filesystem then refuses paths outside them). Default none: no roots are offered.
   */
  roots: z
    .array(
      z
        .string()
        .trim()
        .refine(isAbsoluteFolder, 'must be an absolute folder path (/home/… or C:\\…)'),
    )
    .max(50)
    .optional(),
});

/**
 * Chooses the entry's shape by its keys, so a mistake is reported against the shape that was
 * meant (`mcpServers.x.comand: unknown key`) instead of zod's "Invalid input" for a union.
 */
const ServerEntry = z
  .unknown()
  .transform((value, ctx): z.output<typeof StdioEntry> | z.output<typeof RemoteEntry> => {
    const schema = isRemoteShape(value) ? RemoteEntry : StdioEntry;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [...issue.path] });
    return z.NEVER;
  });

const serverName = z
  .string()
  .min(1, 'server names must not be empty')
  .max(64, 'server names are at most 64 characters')
  .refine((name) => name === name.trim(), 'server names must not start or end with spaces')
  .refine((name) => !/\p{Cc}/u.test(name), 'server names must not contain control characters');

const PolicyRuleSchema = z.strictObject({
  server: z.string().min(1),
  tool: z.string().min(1),
  action: z.enum(['allow', 'deny', 'ask']),
  source: z.enum(['user', 'import', 'headless-flag']).optional(),
}) satisfies z.ZodType<PolicyRule>;

const ApprovalSettings = z.strictObject({
  defaultDeadlineSeconds: z.number().int().min(10).max(MAX_DEADLINE_SECONDS).default(150),
  /** Show an OS notification when a call waits and the window is not focused. */
  notify: z.boolean().default(true),
});

/**
 * Not taken by the common desktops' defaults (Alt+Space is the window menu on Windows and Linux).
 */
export const DEFAULT_ASK_SHORTCUT = 'CommandOrControl+Shift+Space';

const UiSettings = z.strictObject({
  startAtLogin: z.boolean().default(false),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The global shortcut that opens "Ask an agent" (Electron accelerator syntax); null = none. */
  askShortcut: z
    .string()
    .superRefine((value, ctx) => {
      const check = checkAccelerator(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
    })
    .nullable()
    .default(DEFAULT_ASK_SHORTCUT),
});

export const SettingsSchema = z.strictObject({
  /** Missing means 1: a bare `{"mcpServers": …}` from another app is accepted as is. */
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  dust: DustSettings.prefault({}),
  mcpServers: z.record(serverName, ServerEntry).default({}),
  rules: z.array(PolicyRuleSchema).default([]),
  approvals: ApprovalSettings.prefault({}),
  ui: UiSettings.prefault({}),
});

export type Settings = z.output<typeof SettingsSchema>;
/**
 * A local stdio server (`command`) or a remote one (`url`); tell them apart with `isRemoteEntry`.
 */
export type ServerEntry = StdioServerEntry | RemoteServerEntry;
export type StdioServerEntry = z.output<typeof StdioEntry>;
export type { RemoteServerEntry };
export type DustSettings = z.output<typeof DustSettings>;
export type ApprovalSettings = z.output<typeof ApprovalSettings>;
export type UiSettings = z.output<typeof UiSettings>;

export { StdioEntry as StdioEntrySchema };
export { isRemoteEntry, remoteServerEntry } from './remote-entry.js';

/** Settings with every default filled: what the app runs on when there is no file. */
export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** A stdio server entry with defaults for everything but the command. */
export function serverEntry(fields: z.input<typeof StdioEntry>): StdioServerEntry {
  return StdioEntry.parse(fields);
}
