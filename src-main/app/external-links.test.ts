import { describe, expect, it } from 'vitest';

import { APP_REPOSITORY, createExternalLinkPolicy } from './external-links.js';

const policy = createExternalLinkPolicy({
  customDustUrl: 'https://dust.acme.example:8443',
  repository: 'acme/tray',
});
const defaults = createExternalLinkPolicy();

describe('external link policy', () => {
  it.each([
    ['https://dust.tt/w/abc/assistant/new', 'https://dust.tt/w/abc/assistant/new'],
    ['https://eu.dust.tt/w/x', 'https://eu.dust.tt/w/x'],
    ['https://docs.dust.tt/docs/mcp?x=1#top', 'https://docs.dust.tt/docs/mcp?x=1#top'],
    ['HTTPS://DUST.TT/', 'https://dust.tt/'],
    ['https://dust.tt:443/', 'https://dust.tt/'],
    ['https://dust.acme.example:8443/w/1', 'https://dust.acme.example:8443/w/1'],
    ['https://github.com/acme/tray', 'https://github.com/acme/tray'],
    ['https://github.com/Acme/Tray/issues/12', 'https://github.com/Acme/Tray/issues/12'],
  ])('opens %s', (url, normalised) => {
    expect(policy(url)).toBe(normalised);
  });

  it.each([
    // wrong scheme
    'http://dust.tt/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.domain)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'smb://dust.tt/share',
    'dust-mcp-tray://approve/123',
    // userinfo tricks
    'https://dust.tt@evil.example/',
    'https://user:pass@dust.tt/',
    'https://evil.example\\@dust.tt/',
    // look-alike and near-miss hosts
    'https://dust.tt.evil.example/',
    'https://evildust.tt/',
    'https://app.dust.tt/',
    'https://dust.tt./',
    'https://dusт.tt/',
    'https://xn--dus-5za.tt/',
    'https://dust.tt%2F@evil.example/',
    // ports
    'https://dust.tt:8443/',
    'https://dust.acme.example/',
    'https://dust.acme.example:9443/',
    // github outside the repository
    'https://github.com/acme/tray-evil',
    'https://github.com/acme',
    'https://github.com/evil/tray',
    'https://github.com.evil.example/acme/tray',
    'https://gist.github.com/acme/tray',
    // not URLs
    '',
    'dust.tt',
    '//dust.tt/',
    ' https://',
  ])('refuses %s', (url) => {
    expect(policy(url)).toBeNull();
  });

  it('uses the project repository by default and ignores a non-https custom origin', () => {
    expect(defaults(`https://github.com/${APP_REPOSITORY}/releases`)).not.toBeNull();
    const insecure = createExternalLinkPolicy({ customDustUrl: 'http://dust.acme.example' });
    expect(insecure('http://dust.acme.example/')).toBeNull();
    expect(insecure('https://dust.acme.example/')).toBeNull();
    expect(createExternalLinkPolicy({ customDustUrl: 'not a url' })('https://dust.tt/')).toBe(
      'https://dust.tt/',
    );
  });

  it('accepts a plain-http custom Dust on loopback, on exactly its origin', () => {
    const local = createExternalLinkPolicy({ customDustUrl: 'http://127.0.0.1:3000' });
    expect(local('http://127.0.0.1:3000/w/ws/agent/c1')).toBe(
      'http://127.0.0.1:3000/w/ws/agent/c1',
    );
    expect(local('http://127.0.0.1:3001/w/ws/agent/c1')).toBeNull();
    expect(local('http://user:pw@127.0.0.1:3000/')).toBeNull();
    expect(local('http://localhost:3000/')).toBeNull();
    expect(
      createExternalLinkPolicy({ customDustUrl: 'http://10.0.0.5:3000' })('http://10.0.0.5:3000/'),
    ).toBeNull();
  });

  it('accepts nothing for a malformed repository setting', () => {
    const broken = createExternalLinkPolicy({ repository: 'no-slash' });
    expect(broken('https://github.com/no-slash')).toBeNull();
  });
});
