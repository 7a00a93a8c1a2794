import { DustApiError } from '../../core/dust/dust-errors.js';
import { errorMessage } from '../../core/error-message.js';
import { HandlerError } from '../ipc-router.js';

/** Dust's errors in the router's codes, with Dust's own words. */
export async function dustCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    if (error instanceof DustApiError) {
      const code =
        error.status === 404
          ? 'not_found'
          : error.status === 401
            ? 'unauthenticated'
            : error.status === 429
              ? 'rate_limited'
              : 'offline';
      throw new HandlerError(code, error.message);
    }
    throw new HandlerError('offline', `Dust could not be reached: ${errorMessage(error)}`);
  }
}
