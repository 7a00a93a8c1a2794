import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { trayFacts } from '../../app/tray-facts.js';
import { type TrayMenuActions, trayMenuTemplate } from '../../app/tray-menu.js';
import { useEmulatorSession } from './kits/emulator-session.js';

/**
 * Hardening, "corruption is silent": a corrupt settings.json and grants.json at start. Both are
 * kept aside (grants were overwritten before), the window is told what happened and where the
 * bad files went (`app:fileProblems`), and the tray has a line saying so.
 */
const env = useEmulatorSession({ emulator: {} });

const noActions = new Proxy({}, { get: () => () => undefined }) as TrayMenuActions;

describe('corrupt data files', () => {
  it('keeps both aside and says so in the window and the tray', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dust-tray-corrupt-'));
    const badSettings = '{ "mcpServers": { "github": { "command": "npx", ';
    const badGrants = '{"version": 1, "grants": [ {"id": "g1" ';
    writeFileSync(join(dataDir, 'grants.json'), badGrants);
    const session = await env.start({
      servers: {},
      signIn: false,
      dataDir,
      settingsText: badSettings,
    });

    const answer = (await session.invoke('app:fileProblems', undefined)) as {
      ok: true;
      value: Array<{ file: string; words: string; keptAt?: string }>;
    };
    expect(answer.ok).toBe(true);
    const byFile = Object.fromEntries(answer.value.map((problem) => [problem.file, problem]));
    expect(byFile['settings']?.words).toMatch(
      /Your settings could not be read .*default settings: no local servers, region US\. The unreadable file was kept at /,
    );
    expect(byFile['grants']?.words).toMatch(
      /Your remembered permissions could not be read .*will ask again\. The unreadable file was kept at /,
    );
    expect(readFileSync(byFile['settings']!.keptAt!, 'utf8')).toBe(badSettings);
    expect(readFileSync(byFile['grants']!.keptAt!, 'utf8')).toBe(badGrants);
    expect(byFile['settings']!.words).toContain(byFile['settings']!.keptAt);

    // A new permission is saved fresh; the kept copy stays as it was.
    session.app.grants.add({
      id: 'g2',
      server: 's',
      tool: 't',
      scope: { kind: 'always' },
      fingerprint: 'f',
      createdAt: 1,
      reason: 'Always allowed',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(JSON.parse(readFileSync(join(dataDir, 'grants.json'), 'utf8'))).toMatchObject({
      grants: [{ id: 'g2' }],
    });
    expect(readFileSync(byFile['grants']!.keptAt!, 'utf8')).toBe(badGrants);

    const facts = trayFacts(session.app, Date.now());
    const labels = trayMenuTemplate(
      { ...facts, now: Date.now(), startAtLogin: { supported: false, enabled: false } },
      noActions,
    ).map((item) => ('label' in item ? item.label : ''));
    expect(labels).toContain(
      'Your settings and permissions could not be read; open the window for details',
    );
  });

  it('says nothing when the files are fine', async () => {
    const session = await env.start({ servers: {}, signIn: false });
    await expect(session.invoke('app:fileProblems', undefined)).resolves.toEqual({
      ok: true,
      value: [],
    });
    expect(trayFacts(session.app, Date.now()).notice).toBeUndefined();
    expect(existsSync(join(session.dataDir, 'grants.json'))).toBe(false);
  });
});
