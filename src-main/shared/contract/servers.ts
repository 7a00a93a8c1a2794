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
  tools: z.array(z.object({ name: z.string(), description: z.string().optional(), readOnly: z.boolean() })),
});
export type ServerStatusDto = z.infer<typeof ServerStatusDto>;

export const ServerNameInput = z.object({ name: z.string().min(1).max(64) });
export const SetEnabledInput = z.object({ name: z.string().min(1).max(64), enabled: z.boolean() });
