import { describe, expect, it } from 'vitest';

import { ruleMessages } from './lint-probe.js';

/** Shell-specific lint rules, proved against the real eslint.config.js (see lint-probe.ts). */
const ruleErrors = (filePath: string, code: string): Promise<string[]> =>
  ruleMessages(filePath, code, [
    '@typescript-eslint/no-restricted-imports',
    'no-restricted-syntax',
  ]);

describe('shell lint rules', () => {
  it('lets the renderer bundle the pure event-sync helper and import-source list, nothing else from shared', async () => {
    const sync =
      "import { syncStream } from '../src-main/shared/event-sync';\nexport const s = syncStream;";
    const bridge =
      "import { createWindowApi } from '../src-main/shared/window-api';\nexport const c = createWindowApi;";
    expect(await ruleErrors('src-renderer/probe.ts', sync)).toEqual([]);
    expect(await ruleErrors('src-renderer/probe.ts', bridge)).toHaveLength(1);
  });
});
