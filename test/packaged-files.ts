import { fileURLToPath } from 'node:url';

import type { Configuration } from 'app-builder-lib';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';

const projectDir = fileURLToPath(new URL('..', import.meta.url));

/** The `files` patterns as written, whether electron-builder normalized them into `{ filter }`. */
export function filePatterns(config: Configuration): string[] {
  const entries = Array.isArray(config.files)
    ? config.files
    : config.files == null
      ? []
      : [config.files];
  return entries.flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? [])));
}

/**
 * Whether electron-builder would copy a project-relative file into the app, by its own matcher
 * (minimatch with its negation rules), so the test asks the tool rather than re-implementing globs.
 */
export function createPackagedFilter(config: Configuration): (relativePath: string) => boolean {
  const matcher = new FileMatcher(projectDir, '/', (pattern) => pattern, filePatterns(config));
  const filter = matcher.createFilter();
  const stat = { isDirectory: () => false, isFile: () => true, isSymbolicLink: () => false };
  return (relativePath) =>
    filter(`${projectDir.replace(/\/$/, '')}/${relativePath}`, stat as never);
}
