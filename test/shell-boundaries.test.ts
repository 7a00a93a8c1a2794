import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Shell-specific lint rules, proved against the real eslint.config.js (see
 * lint-boundaries.test.ts).
 */
const eslint = new ESLint({
  overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*'] }],
});

async function ruleErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`probe did not parse: ${fatal.message}`);
  return messages
    .filter((message) =>
      ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'].includes(
        message.ruleId ?? '',
      ),
    )
    .map((message) => message.message);
}

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
