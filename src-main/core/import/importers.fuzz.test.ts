import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { defaultSettings } from '../settings/schema.js';
import { parseSource, previewImport } from './import-preview.js';
import type { ImportSource } from './types.js';

/**
 * Fuzz (hostile input, docs/reliability.md): imported configs come from other apps' files, which
 * may be broken, half written, commented (JSONC) or hostile. Every importer returns a verdict
 * instead of throwing; a refusal says why in words; every skipped server has a name and a reason.
 */
let cases = 0;
afterAll(() =>
  process.stdout.write(
    `[fuzz] importers (parseSource × 5 sources + previewImport): ${cases} cases\n`,
  ),
);

const sources: ImportSource[] = ['claude-desktop', 'cursor', 'vscode', 'cline', 'roo'];
const entry = fc.record(
  {
    command: fc.oneof(fc.string(), fc.jsonValue()),
    args: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
    env: fc.oneof(
      fc.dictionary(
        fc.string(),
        fc.oneof(fc.string(), fc.constant('${env:HOME}'), fc.constant('${input:token}')),
      ),
      fc.jsonValue(),
    ),
    url: fc.oneof(fc.webUrl(), fc.string()),
    type: fc.constantFrom('stdio', 'sse', 'http', 'bogus'),
    disabled: fc.oneof(fc.boolean(), fc.jsonValue()),
    alwaysAllow: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
    envFile: fc.string(),
  },
  { requiredKeys: [] },
);
const names = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', '', 'a'.repeat(200), 'rm -rf /'),
);
const config = fc.record(
  {
    mcpServers: fc.oneof(fc.dictionary(names, entry), fc.jsonValue()),
    servers: fc.oneof(fc.dictionary(names, entry), fc.jsonValue()),
    inputs: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  config.map((value) => JSON.stringify(value, null, 2)),
  config.map((value) => `// exported\n${JSON.stringify(value, null, 2).replace(/\n}$/, ',\n}')}`),
  config.map((value) => JSON.stringify(value).slice(0, -2)),
);

describe('importers fuzz', () => {
  it('every source parses without throwing, and refusals and skips are in words', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...sources), (input, source) => {
        cases++;
        const result = parseSource(input, source, { workspaceFolder: '/w', userHome: '/h' });
        if (!result.ok) {
          expect(result.problem.trim().length).toBeGreaterThan(10);
          return;
        }
        for (const skipped of result.config.skipped)
          expect(skipped.reason.trim().length).toBeGreaterThan(5);
        for (const server of result.config.servers) expect(typeof server.name).toBe('string');
      }),
      { numRuns: 2_500, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);

  it('previewing against the current settings never throws either', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...sources), (input, source) => {
        cases++;
        const result = previewImport(input, source, defaultSettings());
        if (!result.ok) expect(result.problem.trim().length).toBeGreaterThan(10);
      }),
      { numRuns: 1_000, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);
});
