import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { createFakeBridge } from '../../bridge/fake-bridge';
import { pendingCall, renderWithStore, serverStatus } from '../../testing/render-with-store';
import { RequestsView } from './RequestsView';

/**
 * Hostile input: what an agent or a local server sends is hostile until shown otherwise. The
 * request card must render a tool name and arguments carrying markup, terminal escapes,
 * right-to-left overrides, NUL and a 1 MB string as inert text: no element created, no crash, the
 * name shown.
 */
const hostileName = 'x<img src=x onerror=alert(1)>\u202egnp.exe';
const hostileArgs = {
  html: '<img src=x onerror="alert(document.cookie)"><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
  ansi: '\u001b[31mred\u001b[0m\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  rtl: 'invoice\u202efdp.exe',
  nul: 'a\u0000b',
  huge: 'A'.repeat(1_000_000),
};

describe('RequestCard with hostile content', () => {
  it('shows hostile names and arguments as text, creating no element from them', async () => {
    const bridge = createFakeBridge({
      overrides: {
        approvals: {
          snapshot: () =>
            Promise.resolve({
              seq: 0,
              value: [pendingCall({ tool: hostileName, arguments: hostileArgs })],
            }),
          decide: vi.fn(),
        },
        servers: { snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }) },
      },
    });
    const { container } = await renderWithStore(bridge, <RequestsView />);
    expect(container.querySelector('img, script, iframe, object, embed')).toBeNull();
    expect(container.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    const args = screen.getByLabelText(`Arguments for ${hostileName}`);
    expect(args.textContent).toContain('<script>alert(1)</script>');
    expect(args.innerHTML).not.toContain('<script>');
  }, 30_000);

  it('shows right-to-left overrides in names and arguments as visible markers, not as reordering', async () => {
    const bridge = createFakeBridge({
      overrides: {
        approvals: {
          snapshot: () =>
            Promise.resolve({
              seq: 0,
              value: [
                pendingCall({
                  tool: 'report\u202egnp.exe',
                  arguments: { rtl: 'invoice\u202efdp.exe' },
                }),
              ],
            }),
          decide: vi.fn(),
        },
        servers: { snapshot: () => Promise.resolve({ seq: 0, value: [serverStatus()] }) },
      },
    });
    const { container } = await renderWithStore(bridge, <RequestsView />);
    expect(container.textContent).toContain('report⟨U+202E⟩gnp.exe');
    expect(container.textContent).toContain('invoice⟨U+202E⟩fdp.exe');
    expect(container.textContent).not.toContain('\u202e');
  }, 30_000);
});
