import { describe, expect, it } from 'vitest';

import { signOutQuestionWords } from './sign-out.js';

describe('signOutQuestionWords', () => {
  it('counts with the right plurals and says what happens to each kind of call', () => {
    expect(signOutQuestionWords({ waiting: 1, running: 0 })).toEqual({
      message: 'Sign out of Dust? 1 tool call waits for your answer.',
      detail:
        'If you sign out now, the waiting call is denied, then your servers are removed from Dust and your sign-in is deleted from this computer.',
    });
    const both = signOutQuestionWords({ waiting: 2, running: 3 });
    expect(both.message).toBe(
      'Sign out of Dust? 2 tool calls wait for your answer and 3 tool calls are running.',
    );
    expect(both.detail).toContain(
      'the waiting calls are denied and the running calls get 10 s to finish',
    );
    expect(signOutQuestionWords({ waiting: 0, running: 1 }).message).toBe(
      'Sign out of Dust? 1 tool call is running.',
    );
  });
});
