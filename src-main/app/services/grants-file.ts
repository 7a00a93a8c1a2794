import { z } from 'zod';

import type { GrantStore } from '../../core/gate/grant-store.js';
import type { Grant } from '../../core/policy/grants.js';
import type { Files, Logger } from '../../core/ports.js';

const GrantSchema = z.object({
  id: z.string(),
  server: z.string(),
  tool: z.string(),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('once') }),
    z.object({ kind: z.literal('conversation'), conversationId: z.string() }),
    z.object({ kind: z.literal('until'), expiresAt: z.number() }),
    z.object({ kind: z.literal('always') }),
  ]),
  fingerprint: z.string(),
  facets: z.partialRecord(z.enum(['commandLine', 'inputSchema', 'annotations', 'description', 'title']), z.string()).optional(),
  createdAt: z.number(),
  reason: z.string(),
}) satisfies z.ZodType<Grant>;

const GrantsFile = z.object({ version: z.literal(1), grants: z.array(GrantSchema) });

/**
 * Grants survive restarts in `grants.json` (no secrets: server, tool, scope, fingerprint). An
 * unreadable file is logged and ignored: the cost is being asked again, never a wrong "allow".
 */
export async function loadGrants(files: Files, path: string, logger: Logger): Promise<Grant[]> {
  const text = await files.readText(path).catch(() => null);
  if (text === null) return [];
  try {
    return GrantsFile.parse(JSON.parse(text)).grants;
  } catch {
    logger.log('warn', 'The saved permissions could not be read; they were ignored', { path });
    return [];
  }
}

/** Writes the grants after every change, one write at a time. */
export function persistGrants(store: GrantStore, files: Files, path: string, logger: Logger): void {
  let queue: Promise<void> = Promise.resolve();
  store.onDidChange((grants) => {
    const text = JSON.stringify({ version: 1, grants }, null, 2);
    queue = queue
      .then(() => files.writeTextAtomic(path, text))
      .catch((error: unknown) => logger.log('warn', 'Could not save permissions', { error: error instanceof Error ? error.message : String(error) }));
  });
}
