import { describe, expect, it } from 'vitest';

import { checkElicitationUrl } from './url-mode.js';

describe('which addresses a server may ask the person to open (elicitation, URL mode)', () => {
  it('offers https anywhere, normalised, with its host on its own', () => {
    expect(checkElicitationUrl('https://Login.Example.com/auth?state=1#x')).toEqual({
      ok: true,
      url: 'https://login.example.com/auth?state=1#x',
      host: 'login.example.com',
    });
    expect(checkElicitationUrl('https://example.com:8443/pay')).toEqual({
      ok: true,
      url: 'https://example.com:8443/pay',
      host: 'example.com:8443',
    });
  });

  it('offers plain http only on this computer', () => {
    expect(checkElicitationUrl('http://127.0.0.1:3000/callback')).toMatchObject({
      ok: true,
      host: '127.0.0.1:3000',
    });
    expect(checkElicitationUrl('http://localhost:8080/')).toMatchObject({
      ok: true,
      host: 'localhost:8080',
    });
    expect(checkElicitationUrl('http://[::1]:9000/x')).toMatchObject({
      ok: true,
      host: '[::1]:9000',
    });
    expect(checkElicitationUrl('http://example.com/login')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('plain http'),
    });
    // A look-alike of localhost is another host.
    expect(checkElicitationUrl('http://localhost.evil.example/')).toMatchObject({ ok: false });
    expect(checkElicitationUrl('http://127.0.0.1.nip.io/')).toMatchObject({ ok: false });
  });

  it('declines schemes that run programs or read files, user info, and what is not an address', () => {
    for (const raw of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'vscode://extension/x',
      'data:text/html,<b>x</b>',
      'ms-msdt:/id',
      'smb://host/share',
    ]) {
      expect(checkElicitationUrl(raw)).toMatchObject({
        ok: false,
        problem: expect.stringContaining('only web addresses'),
      });
    }
    expect(checkElicitationUrl('https://dust.tt@evil.example/')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('user name'),
    });
    expect(checkElicitationUrl('not a url')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a valid URL'),
    });
    expect(checkElicitationUrl(undefined)).toMatchObject({ ok: false });
    expect(checkElicitationUrl('')).toMatchObject({ ok: false });
  });
});
