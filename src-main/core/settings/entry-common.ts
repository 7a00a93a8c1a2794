import { z } from 'zod';

import { checkDustName } from './dust-name.js';

/**
 * The fields every `mcpServers` entry has, local (stdio) or remote (url): one definition for both.
 */
export const entryCommonFields = {
  enabled: z.boolean().default(true),
  /** Trusted servers' `readOnlyHint` annotations may auto-approve; untrusted ones always ask. */
  trusted: z.boolean().default(false),
  /** The name registered with Dust, when the local name does not fit Dust's 5–30 characters. */
  dustName: z
    .string()
    .superRefine((name, ctx) => {
      const check = checkDustName(name);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
    })
    .optional(),
  description: z.string().optional(),
  /** Tools the person switched off: Dust's agents do not see them, and a call to one is refused. */
  disabledTools: z.array(z.string().min(1)).optional(),
};
