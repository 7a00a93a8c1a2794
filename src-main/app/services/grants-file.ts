import { z } from 'zod';

import { errorMessage } from '../../core/error-message.js';
import type { GrantStore } from '../../core/gate/grant-store.js';
import type { Grant } from '../../core/policy/grants.js';
import type { Clock, Files, Logger } from '../../core/ports.js';

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
  facets: z
    .partialRecord(
      z.enum(['commandLine', 'inputSchema', 'annotations', 'description', 'title']),
      z.string(),
    )
    .optional(),
  createdAt: z.number(),
  reason: z.string(),
}) satisfies z.ZodType<Grant>;

const GrantsFile = z.object({ version: z.literal(1), grants: z.array(GrantSchema) });

/** What happened to an unreadable grants.json, for the window and the tray. */
export interface GrantsFileProblem {
  problem: string;
  /**
   * Where the unreadable file was kept; absent when it could not be moved (then nothing is saved
   * over it).
   */
  backupPath?: string;
}

export interface LoadedGrants {
  grants: Grant[];
  problem?: GrantsFileProblem;
}

/**
 * Grants survive restarts in `grants.json` (no secrets: server, tool, scope, fingerprint). An
 * unreadable file costs being asked again, never a wrong "allow"; it is moved aside to
 * `grants.corrupt-<time>.json` first (the person may want to look at it), and if that fails it
 * is never written over (`persistGrants` is told to hold off).
 */
export async function loadGrants(
  files: Files,
  path: string,
  logger: Logger,
  clock?: Clock,
): Promise<LoadedGrants> {
  const text = await files.readText(path).catch(() => null);
  if (text === null) return { grants: [] };
  let problem: string;
  try {
    return { grants: GrantsFile.parse(JSON.parse(text)).grants };
  } catch (error) {
    problem =
      error instanceof SyntaxError ? 'it is not valid JSON' : 'it is not in the expected format';
  }
  const stamp = new Date(clock?.now() ?? 0).toISOString().replace(/[:.]/g, '-');
  const backupPath = path.replace(/\.json$/, '') + `.corrupt-${stamp}.json`;
  try {
    if ((await files.readText(backupPath)) !== null)
      throw new Error(`${backupPath} exists already`);
    await files.rename(path, backupPath);
  } catch (error) {
    logger.log(
      'warn',
      'The saved permissions could not be read nor moved aside; they are ignored and not saved over',
      { path, error: errorMessage(error) },
    );
    return { grants: [], problem: { problem } };
  }
  logger.log('warn', 'The saved permissions could not be read; the file was kept aside', {
    path,
    backupPath,
  });
  return { grants: [], problem: { problem, backupPath } };
}

/** Writes the grants after every change, one write at a time. */
export function persistGrants(
  store: GrantStore,
  files: Files,
  path: string,
  logger: Logger,
  loaded?: LoadedGrants,
): void {
  // An unreadable file that could not be moved aside is the person's: never written over.
  if (loaded?.problem && !loaded.problem.backupPath) return;
  let queue: Promise<void> = Promise.resolve();
  store.onDidChange((grants) => {
    const text = JSON.stringify({ version: 1, grants }, null, 2);
    queue = queue
      .then(() => files.writeTextAtomic(path, text))
      .catch((error: unknown) =>
        logger.log('warn', 'Could not save permissions', {
          error: errorMessage(error),
        }),
      );
  });
}
