import { z } from 'zod';

/** A local server as the window shows it: states in words, secrets masked, never a value. */
export const ServerStatusDto = z.object({
  name: z.string(),
  dustName: z.string(),
  command: z.string(),
  /** Arguments with anything secret-looking masked. */
  args: z.array(z.string()),
  envKeys: z.array(z.string()),
  cwd: z.string().optional(),
  /**
   * Set for a remote server: `command` is then its URL (origin + path, never a query that could
   * carry a key), `args` is empty and `envKeys` lists its header names (values never cross).
   */
  remote: z
    .object({ url: z.string(), host: z.string(), transport: z.enum(['http', 'sse']) })
    .optional(),
  enabled: z.boolean(),
  trusted: z.boolean(),
  local: z.object({
    state: z.string(),
    words: z.string(),
    stderrTail: z.array(z.string()),
  }),
  dust: z.object({
    state: z.string(),
    words: z.string(),
    serverId: z.string().optional(),
  }),
  /**
   * The server's state in one sentence (local process and Dust registration together), with a
   * tone; `retryAt` while it waits to try again. Optional only for older fixtures: main sets it.
   */
  status: z
    .object({
      tone: z.enum(['good', 'warn', 'bad', 'idle']),
      words: z.string(),
      retryAt: z.number().optional(),
    })
    .optional(),
  /** `enabled: false`: the person switched the tool off (Dust does not see it); absent means on. */
  tools: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      readOnly: z.boolean(),
      enabled: z.boolean().optional(),
    }),
  ),
});
export type ServerStatusDto = z.infer<typeof ServerStatusDto>;

export const ServerNameInput = z.object({ name: z.string().min(1).max(64) });
export const SetEnabledInput = z.object({ name: z.string().min(1).max(64), enabled: z.boolean() });
/** One tool's switch on the server card. */
export const SetToolEnabledInput = z.object({
  name: z.string().min(1).max(64),
  tool: z.string().min(1).max(256),
  enabled: z.boolean(),
});

/**
 * One env variable in the server form. A secret's value crosses renderer → main once, on save or
 * test, and is moved to the keychain; main never sends it back. An entry without `value` keeps
 * what is stored for that key (the keychain secret, or the plain value main chose not to show).
 */
export const EnvEntryInput = z.object({
  key: z
    .string()
    .min(1, 'must not be empty')
    .max(256)
    .regex(/^[^=\0]+$/, 'must not contain "=" or NUL'),
  value: z.string().max(32_768).optional(),
  isSecret: z.boolean(),
});
export type EnvEntryInput = z.infer<typeof EnvEntryInput>;

/**
 * What the add/edit form saves. `originalName` is set when editing (a different `name` renames).
 */
export const ServerFormInput = z.object({
  originalName: z.string().min(1).max(64).optional(),
  name: z.string().min(1, 'must not be empty').max(64),
  /** Required for a local server (checked in main, naming the field); ignored for a remote one. */
  command: z.string().max(4096),
  /**
   * Set for a remote server: `env` then holds its HTTP headers (a secret one goes to the
   * keychain like a secret env value), and `args` and `cwd` are ignored.
   */
  remote: z.object({ url: z.string().max(4096), transport: z.enum(['http', 'sse']) }).optional(),
  /** A masked argument sent back unchanged (as `servers:get` gave it) keeps the stored value. */
  args: z.array(z.string().max(32_768)).max(256),
  env: z.array(EnvEntryInput).max(256),
  cwd: z.string().max(4096).optional(),
  enabled: z.boolean(),
  trusted: z.boolean(),
  dustName: z.string().max(64).optional(),
  /** Save even though the command cannot be found (the person read the warning). */
  saveAnyway: z.boolean().optional(),
  /** Folders it may see (MCP roots): absolute paths; none by default. */
  roots: z.array(z.string().max(4096)).max(50).optional(),
});
export type ServerFormInput = z.infer<typeof ServerFormInput>;

/** One env variable as the form shows it: plain values in clear, secrets masked only. */
export const EnvEntryDto = z.object({
  key: z.string(),
  /** Absent for secrets (and for plain values that look like one; `masked` is set instead). */
  value: z.string().optional(),
  isSecret: z.boolean(),
  masked: z.string().optional(),
  /**
   * A placeholder whose keychain entry is missing: the server will not start until it is filled.
   */
  missing: z.boolean().optional(),
});
export type EnvEntryDto = z.infer<typeof EnvEntryDto>;

/** A saved server in the form's shape, for editing. */
export const ServerFormDto = z.object({
  name: z.string(),
  command: z.string(),
  args: z.array(z.string()),
  /** Indexes of `args` that are masked; sending them back unchanged keeps the stored value. */
  maskedArgs: z.array(z.number().int().nonnegative()),
  env: z.array(EnvEntryDto),
  cwd: z.string().optional(),
  enabled: z.boolean(),
  trusted: z.boolean(),
  dustName: z.string().optional(),
  /** The name Dust sees (the explicit one or the derived one), and why it differs, if it does. */
  effectiveDustName: z.string(),
  dustNameNote: z.string().optional(),
  /** A remote server: `command` is empty and `env` lists its headers (secrets masked). */
  remote: z.object({ url: z.string(), transport: z.enum(['http', 'sse']) }).optional(),
  /** Folders it may see (MCP roots), local servers only. */
  roots: z.array(z.string()).optional(),
});
export type ServerFormDto = z.infer<typeof ServerFormDto>;

/** "Test server": the form as it is now (nothing saved), or a saved server by name. */
export const TestServerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), name: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('form'), server: ServerFormInput }),
]);
export type TestServerInput = z.infer<typeof TestServerInput>;

export const TestServerOutput = z.object({
  ok: z.boolean(),
  tools: z.array(z.object({ name: z.string(), description: z.string().optional() })),
  serverInfo: z.object({ name: z.string(), version: z.string() }).optional(),
  /** What went wrong, in words (absent when ok). */
  problem: z.string().optional(),
  /** The server's last stderr lines, with the secrets it was given masked. */
  stderrTail: z.array(z.string()),
});
export type TestServerOutput = z.infer<typeof TestServerOutput>;

/**
 * `warning`: nothing was saved, and this says why in words (the command cannot be found); the
 * form shows it and offers to save anyway.
 */
export const SaveServerOutput = z.object({ name: z.string(), warning: z.string().optional() });
