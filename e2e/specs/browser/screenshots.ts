import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where specs save the README's screenshots. A test run writes them to test-results/screenshots/
 * (git-ignored) so it never dirties the tree; `npm run screenshots` (UPDATE_SCREENSHOTS=1)
 * retakes docs/screenshots/ on purpose. Ends with a slash.
 */
export function screenshotDir(): string {
  const url =
    process.env['UPDATE_SCREENSHOTS'] === '1'
      ? '../../../docs/screenshots/'
      : '../../../test-results/screenshots/';
  const dir = fileURLToPath(new URL(url, import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}
