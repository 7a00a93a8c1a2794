import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  deriveTrayStatus,
  minutesLeft,
  oneLine,
  type TrayFacts,
  trayGlyph,
  type TrayStatus,
  trayStatusKinds,
  trayStatusText,
} from './tray-model.js';

const NOW = 1_800_000_000_000;

const examples: Record<TrayStatus['kind'], TrayStatus> = {
  'signed-out': { kind: 'signed-out' },
  connecting: { kind: 'connecting' },
  connected: { kind: 'connected' },
  degraded: { kind: 'degraded', reason: 'filesystem crashed' },
  attention: { kind: 'attention', pendingCount: 3 },
  paused: { kind: 'paused', until: NOW + 14 * 60_000 + 1 },
};

describe('trayGlyph', () => {
  it('gives every state its own template and colour image', () => {
    const glyphs = trayStatusKinds.map((kind) => trayGlyph(examples[kind], NOW));
    expect(new Set(glyphs.map((g) => g.templateFile)).size).toBe(trayStatusKinds.length);
    expect(new Set(glyphs.map((g) => g.colourFile)).size).toBe(trayStatusKinds.length);
    for (const glyph of glyphs) {
      expect(glyph.templateFile).toBe(`tray-${glyph.kind}Template.png`);
      expect(glyph.colourFile).toBe(`tray-${glyph.kind}.png`);
    }
  });

  it.each([
    ['signed-out', 'Dust MCP Tray — Signed out'],
    ['connecting', 'Dust MCP Tray — Connecting to Dust…'],
    ['connected', 'Dust MCP Tray — Connected to Dust'],
    ['degraded', 'Dust MCP Tray — Needs a look: filesystem crashed'],
    ['attention', 'Dust MCP Tray — 3 tool calls waiting for you'],
    ['paused', 'Dust MCP Tray — Approvals paused, resuming in 15 min'],
  ] as const)('says %s in words', (kind, tooltip) => {
    expect(trayGlyph(examples[kind], NOW).tooltip).toBe(tooltip);
  });

  it('uses the singular for one waiting call and flattens a hostile degraded reason', () => {
    expect(trayStatusText({ kind: 'attention', pendingCount: 1 }, NOW)).toBe(
      '1 tool call waiting for you',
    );
    const reason = `line one\nline two\u0007${'x'.repeat(200)}`;
    const text = trayStatusText({ kind: 'degraded', reason }, NOW);
    expect(text.includes('\n') || text.includes('\u0007')).toBe(false);
    expect(text.length).toBeLessThanOrEqual('Needs a look: '.length + 80);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('deriveTrayStatus', () => {
  const base: TrayFacts = {
    signedIn: true,
    connection: 'online',
    pendingCount: 0,
    pausedUntil: null,
    now: NOW,
  };

  it('orders states by urgency', () => {
    expect(deriveTrayStatus({ ...base, signedIn: false, pendingCount: 2 })).toEqual({
      kind: 'signed-out',
    });
    expect(
      deriveTrayStatus({ ...base, pendingCount: 2, pausedUntil: NOW + 1, connection: 'degraded' }),
    ).toEqual({
      kind: 'attention',
      pendingCount: 2,
    });
    expect(deriveTrayStatus({ ...base, pausedUntil: NOW + 1, connection: 'connecting' })).toEqual({
      kind: 'paused',
      until: NOW + 1,
    });
    expect(deriveTrayStatus({ ...base, connection: 'connecting' })).toEqual({ kind: 'connecting' });
    expect(
      deriveTrayStatus({ ...base, connection: 'degraded', degradedReason: 'stream reconnecting' }),
    ).toEqual({
      kind: 'degraded',
      reason: 'stream reconnecting',
    });
    expect(deriveTrayStatus({ ...base, connection: 'degraded' })).toMatchObject({
      kind: 'degraded',
      reason: 'Reconnecting',
    });
    expect(deriveTrayStatus(base)).toEqual({ kind: 'connected' });
  });

  it('ignores a pause that has already ended', () => {
    expect(deriveTrayStatus({ ...base, pausedUntil: NOW })).toEqual({ kind: 'connected' });
  });

  it('always yields a status whose glyph exists, for any facts', () => {
    fc.assert(
      fc.property(
        fc.record({
          signedIn: fc.boolean(),
          connection: fc.constantFrom('connecting', 'online', 'degraded'),
          pendingCount: fc.nat(1000),
          pausedUntil: fc.option(fc.integer({ min: NOW - 1e6, max: NOW + 1e6 }), { nil: null }),
          now: fc.constant(NOW),
        }),
        (facts) => {
          const status = deriveTrayStatus(facts);
          expect(trayStatusKinds).toContain(status.kind);
          expect(trayGlyph(status, NOW).tooltip.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('small helpers', () => {
  it('rounds the minutes left up and never shows 0 while paused', () => {
    expect(minutesLeft(NOW + 1, NOW)).toBe(1);
    expect(minutesLeft(NOW + 60_000, NOW)).toBe(1);
    expect(minutesLeft(NOW + 60_001, NOW)).toBe(2);
    expect(minutesLeft(NOW - 5, NOW)).toBe(1);
  });

  it('keeps one line of at most max characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 2, max: 100 }), (text, max) => {
        const line = oneLine(text, max);
        expect(line.length).toBeLessThanOrEqual(max);
        expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
      }),
    );
  });
});
