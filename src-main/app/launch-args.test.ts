import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEMO_FLAG, HIDDEN_FLAG, isDemoLaunch, parseLaunchArgs } from './launch-args.js';

describe('parseLaunchArgs', () => {
  it('starts hidden for the login item flag or an OS login launch', () => {
    expect(parseLaunchArgs(['/opt/app/dust-mcp-tray', HIDDEN_FLAG])).toEqual({ hidden: true });
    expect(parseLaunchArgs(['/opt/app/dust-mcp-tray'], { openedAtLogin: true })).toEqual({
      hidden: true,
    });
    expect(parseLaunchArgs(['/opt/app/dust-mcp-tray'])).toEqual({ hidden: false });
  });

  it('matches the flag exactly, not as a prefix or with a value', () => {
    for (const arg of ['--hidden=false', '--HIDDEN', '--hiddenx', '-hidden', ' --hidden']) {
      expect(parseLaunchArgs(['app', arg])).toEqual({ hidden: false });
    }
  });

  it('reads nothing else from an untrusted argv, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.anything()), (argv) => {
        const intent = parseLaunchArgs(argv);
        expect(Object.keys(intent)).toEqual(['hidden']);
        expect(intent.hidden).toBe(argv.includes(HIDDEN_FLAG));
      }),
    );
  });

  it('asks for demo mode with the exact flag only', () => {
    expect(isDemoLaunch(['electron', '.', DEMO_FLAG])).toBe(true);
    for (const arg of ['--demo=1', '--DEMO', '-demo', 'demo'])
      expect(isDemoLaunch(['electron', '.', arg])).toBe(false);
    expect(parseLaunchArgs(['electron', '.', DEMO_FLAG])).toEqual({ hidden: false });
  });
});
