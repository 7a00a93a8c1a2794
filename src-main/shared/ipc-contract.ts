import { z } from 'zod';

/**
 * The one IPC contract between the main process (or the e2e harness) and the renderer.
 *
 * Channels are `domain:verb`. Each invoke channel names the schema of its input (validated in
 * main with `safeParse`, since the renderer is untrusted) and of its output. Each event channel
 * names its payload. The router, the preload bridge and the renderer's types all derive from
 * these two objects, so a channel cannot exist in one place and not the others.
 *
 * No schema here may carry a secret: the renderer sees masked values only.
 */

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const invokeChannels = {
  'app:getInfo': { input: z.void(), output: AppInfo },
} as const;

export const eventChannels = {} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}
