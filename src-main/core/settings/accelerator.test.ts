import { describe, expect, it } from 'vitest';

import { checkAccelerator } from './accelerator.js';

describe('checkAccelerator', () => {
  it.each([
    ['CommandOrControl+Shift+Space', 'CommandOrControl+Shift+Space'],
    ['ctrl+alt+k', 'Control+Alt+K'],
    ['CmdOrCtrl + Shift + d', 'CommandOrControl+Shift+D'],
    ['Option+Space', 'Alt+Space'],
    ['Super+F12', 'Super+F12'],
    ['Ctrl++', 'Control+Plus'],
    ['Alt+/', 'Alt+/'],
    ['Meta+pagedown', 'Super+PageDown'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(checkAccelerator(input)).toEqual({ ok: true, accelerator: normalised });
  });

  it.each([
    ['', /Write a shortcut/],
    ['K', /Add Ctrl, Alt, Command or Super/],
    ['Shift+K', /Add Ctrl, Alt, Command or Super/],
    ['Ctrl+', /Write a shortcut/],
    ['Hyper+K', /"Hyper" is not a modifier/],
    ['Ctrl+Ctrl+K', /Control appears twice/],
    ['Ctrl+F25', /"F25" is not a key/],
    ['Ctrl+Shift', /"Shift" is not a key/],
    ['Ctrl+ab', /"ab" is not a key/],
  ])('refuses %j in words', (input, message) => {
    const check = checkAccelerator(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});
