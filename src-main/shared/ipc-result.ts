/**
 * The codes an IPC call can fail with.
 *
 * The renderer shows the message; the code lets it decide how (retry button, sign-in prompt…).
 * Stacks never cross the boundary.
 */
export const ipcErrorCodes = [
  'bad_input',
  'forbidden',
  'unknown_channel',
  'not_found',
  'already_decided',
  'expired',
  'offline',
  'unauthenticated',
  'rate_limited',
  'internal',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

// Plain types, no zod: the preload bundles this file and should stay small.
export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

/** What every invoke answers: a value, or an error in words. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ipcOk<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function ipcErr(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** Thrown by the bridge when an invoke answers `{ok:false}`, so callers can `try/await`. */
export class IpcCallError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcCallError';
  }
}
