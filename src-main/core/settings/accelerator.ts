/**
 * Global shortcuts in Electron's accelerator syntax (`CommandOrControl+Shift+Space`), checked
 * before they reach `globalShortcut.register`, which only answers `false` for a bad one.
 *
 * A global shortcut fires in every app, so it must carry a modifier other than Shift: a bare key
 * or Shift+key would steal ordinary typing everywhere.
 */

const MODIFIERS: Record<string, string> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const NAMED = new Map(NAMED_KEYS.map((key) => [key.toLowerCase(), key]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;"\'<>?,./`~[]{}\\|-_=']);

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; message: string };

/** Normalises the spelling (`ctrl+shift+k` → `Control+Shift+K`) or says what is wrong. */
export function checkAccelerator(input: string): AcceleratorCheck {
  const parts = input
    .trim()
    .split('+')
    .map((part) => part.trim());
  // "Ctrl++" names the plus key: an empty last part after a separator.
  if (parts.length >= 2 && parts.at(-1) === '' && parts.at(-2) === '') parts.splice(-2, 2, 'Plus');
  if (parts.length === 0 || parts.some((part) => part === '')) {
    return { ok: false, message: 'Write a shortcut like CommandOrControl+Shift+Space.' };
  }
  const modifiers: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (!modifier)
      return {
        ok: false,
        message: `"${part}" is not a modifier (use Ctrl, Alt, Shift, Command, CommandOrControl or Super).`,
      };
    if (modifiers.includes(modifier)) return { ok: false, message: `${modifier} appears twice.` };
    modifiers.push(modifier);
  }
  const key = keyName(parts.at(-1)!);
  if (!key)
    return {
      ok: false,
      message: `"${parts.at(-1)!}" is not a key Electron knows (letters, digits, F1–F24, Space, arrows, punctuation…).`,
    };
  if (modifiers.every((modifier) => modifier === 'Shift')) {
    return {
      ok: false,
      message:
        'Add Ctrl, Alt, Command or Super: a global shortcut without one would catch ordinary typing in every app.',
    };
  }
  return { ok: true, accelerator: [...modifiers, key].join('+') };
}

function keyName(raw: string): string | undefined {
  if (/^[a-z0-9]$/i.test(raw)) return raw.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(raw)) return raw.toUpperCase();
  if (raw.length === 1 && PUNCTUATION.has(raw)) return raw;
  if (MODIFIERS[raw.toLowerCase()]) return undefined;
  return NAMED.get(raw.toLowerCase());
}
