import { describe, expect, it } from 'vitest';

import { senderFromMe } from './sender.js';

const me = { sId: 'u1', email: 'ada@acme.com', fullName: 'Ada Lovelace', workspaces: [] };

describe('senderFromMe', () => {
  it('fills the context from /me, falling back to the email for the username', () => {
    expect(
      senderFromMe({ ...me, username: 'ada', image: 'https://x/p.png' }, 'Europe/Paris'),
    ).toEqual({
      username: 'ada',
      timezone: 'Europe/Paris',
      fullName: 'Ada Lovelace',
      email: 'ada@acme.com',
      profilePictureUrl: 'https://x/p.png',
    });
    expect(senderFromMe(me, 'UTC')).toMatchObject({ username: 'ada', profilePictureUrl: null });
  });

  it('keeps every field under the 255 characters Dust accepts', () => {
    const long = senderFromMe({ ...me, fullName: 'A'.repeat(400) }, 'UTC');
    expect(long.fullName).toHaveLength(254);
  });
});
