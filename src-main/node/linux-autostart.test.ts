import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { linuxAutostartEntry, linuxAutostartPath } from '../app/autostart.js';
import { createLinuxAutostart } from './linux-autostart.js';

function setup() {
  const home = mkdtempSync(join(tmpdir(), 'autostart-'));
  const path = linuxAutostartPath({ home });
  const text = linuxAutostartEntry({
    name: 'Dust MCP Tray',
    comment: 'c',
    command: ['/opt/dust', '--hidden'],
  });
  return { home, path, text, autostart: createLinuxAutostart({ path, text }) };
}

describe('linux autostart', () => {
  it('creates ~/.config/autostart and writes the entry, readable by the desktop session', async () => {
    const { path, text, autostart, home } = setup();
    expect(await autostart.isEnabled()).toBe(false);
    await autostart.enable();
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(await autostart.isEnabled()).toBe(true);
    expect(readdirSync(join(home, '.config', 'autostart'))).toEqual(['dust-mcp-tray.desktop']);
  });

  it('removes the entry, and removing twice is fine', async () => {
    const { autostart } = setup();
    await autostart.enable();
    await autostart.disable();
    await autostart.disable();
    expect(await autostart.isEnabled()).toBe(false);
  });

  it('does not count an entry with other contents as ours', async () => {
    const { path, autostart } = setup();
    await autostart.enable();
    writeFileSync(path, '[Desktop Entry]\nExec=/somewhere/else\n');
    expect(await autostart.isEnabled()).toBe(false);
  });
});
