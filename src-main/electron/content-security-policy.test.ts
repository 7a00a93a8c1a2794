import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy.js';

describe('content security policy', () => {
  it('is the same in the meta tag as in the response header', () => {
    const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows no inline or eval script and no remote source', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });
});
