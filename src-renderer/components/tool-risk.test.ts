import { describe, expect, it } from 'vitest';

import { nameWords, toolRisk } from './tool-risk';

describe('toolRisk', () => {
  it('reads a tool name in snake, kebab and camel case', () => {
    expect(nameWords('write_file')).toEqual(['write', 'file']);
    expect(nameWords('editFile')).toEqual(['edit', 'file']);
    expect(nameWords('create-directory')).toEqual(['create', 'directory']);
  });

  it('marks writers by name or by destructiveHint, readers by readOnlyHint, and lets a writing name win over a read-only claim', () => {
    expect(toolRisk({ name: 'write_file' })).toBe('changes');
    expect(toolRisk({ name: 'move_file' })).toBe('changes');
    expect(toolRisk({ name: 'lookup', destructiveHint: true })).toBe('changes');
    expect(toolRisk({ name: 'read_file', readOnlyHint: true })).toBe('read-only');
    expect(toolRisk({ name: 'delete_all', readOnlyHint: true })).toBe('changes');
    expect(toolRisk({ name: 'search' })).toBe('unknown');
    // "rewrite" and "settings" are not "write" and "set".
    expect(toolRisk({ name: 'get_settings', readOnlyHint: true })).toBe('read-only');
  });
});
