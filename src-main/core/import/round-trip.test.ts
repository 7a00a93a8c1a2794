/**
 * Property: whatever env a Claude Desktop / Cline file holds (and any variable-free env of a VS
 * Code / Cursor file), importing it (secrets moved to the
 * keychain, placeholders written) and resolving the placeholders at spawn gives back exactly the
 * original env, byte for byte; and the settings never contain a value that was moved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { resolvePlaceholders } from '../secrets/placeholders.js';
import { defaultSettings, type StdioServerEntry } from '../settings/schema.js';
import { InMemorySecretStore } from '../testing/in-memory-secret-store.js';
import { applyImport } from './import-apply.js';
import { previewImport } from './import-preview.js';

const secretLike = fc.oneof(
  fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/),
  fc.stringMatching(/^sk-[A-Za-z0-9]{24,40}$/),
  fc.stringMatching(/^xoxb-[0-9]{10}-[A-Za-z0-9]{12}$/),
  fc.stringMatching(/^AKIA[0-9A-Z]{16}$/),
  fc.stringMatching(/^[A-Za-z0-9]{40}$/),
  fc.constantFrom(
    '${secret:X}',
    'a ${secret:X} b',
    '${secret:}',
    '${input:x}',
    '${env:HOME}',
    '$$',
    "$&$'$`",
    '',
    ' ',
  ),
);
const anyValue = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), secretLike);
const envKey = fc.oneof(
  fc.constantFrom(
    'GITHUB_TOKEN',
    'API_KEY',
    'PATH',
    'LOG_LEVEL',
    'DB_PASSWORD',
    'X',
    'weird key!',
    'A_2',
  ),
  fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/),
);
const env = fc.dictionary(envKey, anyValue, { maxKeys: 8 });
const envWithoutVariables = fc.dictionary(
  envKey,
  anyValue.filter((value) => !value.includes('${')),
  { maxKeys: 8 },
);
const serverName = fc.oneof(
  fc.constantFrom('github', 'fs', 'a/b', 'my server'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
);

describe('import → resolve round trip', () => {
  it.each([
    ['claude-desktop', 'mcpServers', env],
    ['cline', 'mcpServers', env],
    // VS Code and Cursor expand ${…} themselves, so only values without variables must survive as
    // is.
    ['vscode', 'servers', envWithoutVariables],
    ['cursor', 'mcpServers', envWithoutVariables],
  ] as const)('gives back every %s env value exactly', async (source, section, envArbitrary) => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(serverName, envArbitrary, { minKeys: 1, maxKeys: 3 }),
        async (servers) => {
          const entries = Object.fromEntries(
            Object.entries(servers).map(([name, e]) => [
              name,
              { command: 'node', args: ['server.js'], env: e },
            ]),
          );
          const text = JSON.stringify({ [section]: entries });
          const preview = previewImport(text, source, defaultSettings());
          if (!preview.ok) throw new Error(preview.problem);
          const store = new InMemorySecretStore();
          const result = await applyImport(preview.plan, {}, store, defaultSettings());

          for (const [name, original] of Object.entries(servers)) {
            const entry = result.settings.mcpServers[name];
            expect(entry).toBeDefined();
            expect(
              await resolvePlaceholders(
                (entry as StdioServerEntry | undefined)?.env ?? {},
                store,
                name,
              ),
            ).toEqual(original);
          }
          const stored = JSON.stringify(result.settings);
          for (const value of store.values.values()) {
            // A literal "${secret:…}" from the source is stored whole; its text may equal a
            // placeholder.
            if (value.length >= 8 && !value.includes('${secret:'))
              expect(stored).not.toContain(JSON.stringify(value).slice(1, -1));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
