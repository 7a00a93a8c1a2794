/**
 * Turns whatever a bridge call threw into words for the window.
 *
 * The bridge throws `IpcCallError` (a value the renderer may not import), so the code is read by
 * shape: `{ code, message }`. The message is already in words from main; the code decides only
 * how to frame it.
 */
export interface ErrorWords {
  code: string | undefined;
  message: string;
}

export function errorWords(error: unknown): ErrorWords {
  if (error && typeof error === 'object') {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
    return { code, message: message || 'Something went wrong.' };
  }
  return { code: undefined, message: typeof error === 'string' ? error : 'Something went wrong.' };
}

/** A value that is loading, loaded, or failed with a message in words. */
export type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

export const loading = { status: 'loading' } as const;
