import { describe, expect, it, vi } from 'vitest';

import { claimSingleInstance } from './single-instance.js';

function fakeApp(hasLock: boolean) {
  let listener: ((event: unknown, argv: unknown) => void) | undefined;
  const app = {
    requestSingleInstanceLock: () => hasLock,
    on: (_event: string, fn: (event: unknown, argv: unknown) => void) => {
      listener = fn;
      return app;
    },
  };
  return { app: app as never, launch: (argv: unknown) => listener?.({}, argv) };
}

describe('claimSingleInstance', () => {
  it('tells a second instance to quit', () => {
    const { app } = fakeApp(false);
    expect(claimSingleInstance(app, vi.fn())).toBe(false);
  });

  it('shows the window on a second launch, except for the hidden login launch', () => {
    const { app, launch } = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app, onSecond)).toBe(true);
    launch(['/opt/dust', 'dust-mcp-tray://approve/all', '--inspect=9229']);
    launch(['/opt/dust', '--hidden']);
    launch('not even an array');
    expect(onSecond.mock.calls).toEqual([
      [{ showWindow: true }],
      [{ showWindow: false }],
      [{ showWindow: true }],
    ]);
  });
});
