import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

/**
 * Lints a probe file against the project's real eslint.config.js and returns the messages of the
 * rules named. Probe files do not exist on disk, so type-aware rules are switched off for them;
 * the boundary rules do not need type information.
 */
const eslint = new ESLint({
  overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*'] }],
});

export async function ruleMessages(
  filePath: string,
  code: string,
  ruleIds: readonly string[],
): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`probe did not parse: ${fatal.message}`);
  return messages
    .filter((message) => ruleIds.includes(message.ruleId ?? ''))
    .map((message) => message.message);
}
