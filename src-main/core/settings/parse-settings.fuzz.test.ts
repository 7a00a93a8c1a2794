import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { parseSettingsText } from './parse-settings.js';

/**
 * Fuzz (hostile input, docs/reliability.md): a hand-edited settings file can hold anything.
 * `parseSettingsText` must never throw, and every rejection must say what is wrong and where — a
 * JSON position, or the path of each mistake — because the app then runs on defaults and the person
 * has to fix the file.
 */
let cases = 0;
afterAll(() => process.stdout.write(`[fuzz] parseSettingsText: ${cases} cases\n`));

const serverEntry = fc.record(
  {
    command: fc.oneof(fc.string(), fc.jsonValue()),
    args: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
    env: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.jsonValue()),
    cwd: fc.string(),
    enabled: fc.oneof(fc.boolean(), fc.jsonValue()),
    trusted: fc.boolean(),
    apiKey: fc.string(),
  },
  { requiredKeys: [] },
);
const nearlyValid = fc.record(
  {
    version: fc.oneof(fc.constant(1), fc.integer(), fc.jsonValue()),
    dust: fc.oneof(
      fc.record(
        {
          region: fc.constantFrom('us', 'eu', 'custom', 'mars'),
          customUrl: fc.oneof(fc.webUrl(), fc.string()),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    ),
    mcpServers: fc.oneof(
      fc.dictionary(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '')),
        serverEntry,
      ),
      fc.jsonValue(),
    ),
    rules: fc.oneof(
      fc.array(
        fc.record(
          {
            server: fc.string(),
            tool: fc.string(),
            action: fc.constantFrom('allow', 'deny', 'ask', 'maybe'),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.jsonValue(),
    ),
    approvals: fc.jsonValue(),
    ui: fc.jsonValue(),
    token: fc.string(),
  },
  { requiredKeys: [] },
);
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  nearlyValid.map((value) => JSON.stringify(value, null, 2)),
  nearlyValid.map((value) => `\uFEFF${JSON.stringify(value)}`),
  nearlyValid.map((value) => JSON.stringify(value).slice(0, -1)),
);

describe('parseSettingsText fuzz', () => {
  it('never throws; every rejection has a message, and schema mistakes name their path', () => {
    fc.assert(
      fc.property(text, (input) => {
        cases++;
        const result = parseSettingsText(input);
        if (result.ok) return;
        expect(result.problem.trim().length).toBeGreaterThan(10);
        if (result.kind === 'json') expect(result.problem).toMatch(/not valid JSON: .+/);
        for (const detail of result.details) expect(detail).toMatch(/^\S.*: \S|^[^:]+$/s);
        if (result.kind === 'schema' && result.details.length > 0)
          expect(result.problem).toContain(result.details[0]!);
      }),
      { numRuns: 2_500, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);
});
