/**
 * Quitting, as the shell's one orderly path out (ARCHITECTURE.md#lifecycle; ToolHive confirms too,
 * since quitting ends the servers):
 *
 *   running ──before-quit──▶ confirming (only if calls are pending) ──cancel──▶ running
 *      │                          │ quit
 *      └──────────────────────────┴──▶ stopping ──shutdown done / timeout──▶ done ──▶ exit()
 *
 * `before-quit` is prevented until `done`, so pending calls get an answer (denied or finished),
 * Dust registrations are removed and child processes end before the app goes. A shutdown that
 * hangs is cut off after `timeoutMs`: quitting must always work.
 */
export type QuitPhase = 'running' | 'confirming' | 'stopping' | 'done';

export interface QuitGateDeps {
  pendingCount(): number;
  /** Asks the person; true means quit anyway. */
  confirmQuit(pendingCount: number): Promise<boolean>;
  /** Denies or finishes pending calls, deregisters from Dust, ends local servers. */
  shutdown(): Promise<void>;
  /** Resolves after `ms` (injected so tests control time). */
  delay(ms: number): Promise<void>;
  timeoutMs: number;
  /** Quits for real; the `before-quit` it triggers passes through. */
  exit(): void;
  onError?(error: unknown): void;
}

export interface QuitGate {
  readonly phase: QuitPhase;
  /** Wire to the app's `before-quit`. */
  onBeforeQuit(event: { preventDefault(): void }): void;
}

export function createQuitGate(deps: QuitGateDeps): QuitGate {
  let phase: QuitPhase = 'running';

  async function stop(): Promise<void> {
    phase = 'stopping';
    let timedOut = false;
    try {
      await Promise.race([
        deps.shutdown(),
        deps.delay(deps.timeoutMs).then(() => void (timedOut = true)),
      ]);
    } catch (error) {
      deps.onError?.(error);
    }
    if (timedOut)
      deps.onError?.(new Error(`Shutdown took longer than ${deps.timeoutMs} ms; quitting anyway.`));
    phase = 'done';
    deps.exit();
  }

  async function begin(): Promise<void> {
    const pending = deps.pendingCount();
    if (pending > 0) {
      phase = 'confirming';
      let quit = false;
      try {
        quit = await deps.confirmQuit(pending);
      } catch (error) {
        deps.onError?.(error);
      }
      if (!quit) {
        phase = 'running';
        return;
      }
    }
    await stop();
  }

  return {
    get phase() {
      return phase;
    },
    onBeforeQuit(event) {
      if (phase === 'done') return;
      event.preventDefault();
      if (phase === 'running') void begin();
    },
  };
}

/** The question asked when calls are waiting, in words. */
export function quitConfirmation(pendingCount: number): {
  message: string;
  detail: string;
  buttons: [string, string];
} {
  const calls = pendingCount === 1 ? '1 tool call is' : `${pendingCount} tool calls are`;
  return {
    message: `${calls} waiting for your approval.`,
    detail: 'Quitting denies them, tells Dust your local servers are gone and stops them.',
    buttons: ['Deny and quit', 'Cancel'],
  };
}
