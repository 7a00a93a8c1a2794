/** What to do with a SIGINT/SIGTERM. */
export type SignalVerdict = 'stop' | 'repeat' | 'force';

/**
 * One signal, one clean stop. A signal sent to a whole process group (a terminal's Ctrl-C,
 * `docker stop`, systemd's KillMode=control-group) reaches every process at once, and a
 * launcher (npm, a shell) may forward it again: any signal within `windowMs` of the first is
 * that same request. Only a signal later than that means "exit now, do not wait".
 */
export class SignalGate {
  private firstAt: number | undefined;

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 1_000,
  ) {}

  receive(): SignalVerdict {
    const now = this.now();
    if (this.firstAt === undefined) {
      this.firstAt = now;
      return 'stop';
    }
    return now - this.firstAt <= this.windowMs ? 'repeat' : 'force';
  }
}
