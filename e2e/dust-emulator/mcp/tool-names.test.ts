import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { slugify } from './slugify.js';
import { checkToolName } from './tool-names.js';

describe("Dust's slugify and tool-name rules", () => {
  it('mcp-6 slugify matches the documented examples', () => {
    expect(slugify('my sidekick')).toBe('my_sidekick');
    expect(slugify('dust-desktop')).toBe('dust_desktop');
    expect(slugify('fs-cli')).toBe('fs_cli');
    expect(slugify('Crème Brûlée')).toBe('creme_brulee');
    expect(slugify('readFile')).toBe('read_file');
    expect(slugify('a  --  b')).toBe('a_b');
  });

  it('mcp-29 prefixed names are always ≤ 64 characters of [a-zA-Z0-9_.-] when the tool is kept', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ minLength: 1, maxLength: 80 }),
        (server, tool) => {
          const check = checkToolName(server, tool, { type: 'object' });
          if (check.ok) {
            expect(check.prefixedName.length).toBeLessThanOrEqual(64);
            expect(check.prefixedName).toMatch(/^[a-zA-Z0-9_.-]+$/);
          }
        },
      ),
    );
  });

  it('mcp-29 argument names must match ^[a-zA-Z0-9_.-]{1,64}$', () => {
    const props = (name: string) => ({ type: 'object', properties: { [name]: {} } });
    expect(checkToolName('s', 't', props('ok.name-1_x')).ok).toBe(true);
    expect(checkToolName('s', 't', props('a'.repeat(65)))).toEqual({
      ok: false,
      reason: `invalid_argument_name: ${'a'.repeat(65)}`,
    });
    expect(checkToolName('s', 't', props('é')).ok).toBe(false);
    expect(checkToolName('s', '', props('x'))).toEqual({ ok: false, reason: 'invalid_tool_name' });
  });
});
