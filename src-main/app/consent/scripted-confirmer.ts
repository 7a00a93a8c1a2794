import type { Confirmation, Confirmer } from './confirmation.js';

export type ScriptedAnswer =
  'allow' | 'refuse' | ((question: Confirmation) => boolean | Promise<boolean>);

/**
 * The harness's stand-in for the person at Electron's native dialog: answers by script (allow by
 * default, so the Playwright specs and the demo run as someone who says yes), and records every
 * question so a test can check what the person would have read. A test sets `answer = 'refuse'`
 * to play a person who says no.
 */
export class ScriptedConfirmer implements Confirmer {
  readonly asked: Confirmation[] = [];

  constructor(public answer: ScriptedAnswer = 'allow') {}

  async confirm(question: Confirmation): Promise<boolean> {
    this.asked.push(question);
    if (this.answer === 'allow') return true;
    if (this.answer === 'refuse') return false;
    return this.answer(question);
  }
}
