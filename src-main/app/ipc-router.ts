import { FileSystemError } from '../core/file-system-error.js';
import {
  type InvokeChannel,
  invokeChannels,
  type InvokeInput,
  type InvokeOutput,
  isInvokeChannel,
} from '../shared/ipc-contract.js';
import { ipcErr, type IpcErrorCode, ipcOk, type IpcResult } from '../shared/ipc-result.js';

export type InvokeHandler<C extends InvokeChannel> = (
  input: InvokeInput<C>,
) => InvokeOutput<C> | Promise<InvokeOutput<C>>;

export type InvokeHandlers = { [C in InvokeChannel]: InvokeHandler<C> };

/**
 * Transport-agnostic IPC dispatch: validate, call, wrap in a result envelope.
 *
 * Both the Electron transport (behind its sender guard) and the e2e harness (behind its token)
 * call `dispatch`, so validation and error mapping are the same code in both.
 */
export interface IpcRouter {
  dispatch(channel: unknown, raw: unknown): Promise<IpcResult<unknown>>;
}

/** An error a handler throws on purpose, with a code the renderer understands. */
export class HandlerError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

export interface IpcRouterOptions {
  /**
   * Every error a handler did not throw on purpose: the window only hears "Something went
   * wrong", so this is where it must be logged (redacted: see `logUnexpectedIpcError`).
   */
  onUnexpectedError?: (channel: InvokeChannel, error: unknown) => void;
}

export function createIpcRouter(
  handlers: InvokeHandlers,
  options: IpcRouterOptions = {},
): IpcRouter {
  return {
    async dispatch(channel, raw) {
      if (!isInvokeChannel(channel)) {
        return ipcErr('unknown_channel', `No such channel: ${describe(channel)}`);
      }
      const spec = invokeChannels[channel];
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
          .join('; ');
        return ipcErr('bad_input', `Invalid input for ${channel}: ${issues}`);
      }
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        const output: unknown = await handler(parsed.data);
        return ipcOk(spec.output.parse(output));
      } catch (error) {
        if (error instanceof HandlerError) return ipcErr(error.code, error.message);
        try {
          options.onUnexpectedError?.(channel, error);
        } catch {
          // A failing logger must not turn an answer into a hang.
        }
        // A full, read-only or forbidden disk is said in words; anything else without its stack.
        if (error instanceof FileSystemError) return ipcErr('internal', error.message);
        return ipcErr('internal', `Something went wrong while handling ${channel}.`);
      }
    },
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}
