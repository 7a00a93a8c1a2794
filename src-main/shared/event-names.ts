/**
 * The event channel names, without zod: the preload bundles this to refuse channels the page
 * makes up, and pulling the schemas in would put zod into every window's preload.
 *
 * ipc-contract.ts checks at compile time that this list and `eventChannels` have the same keys,
 * so adding an event means adding it in both places or the build fails.
 */
export const eventChannelNames = [
  'app:navigate',
  'auth:changed',
  'servers:changed',
  'approvals:changed',
  'elicitations:changed',
  'grants:changed',
  'activity:recorded',
  'rules:changed',
  'chat:changed',
] as const;

export type EventChannelName = (typeof eventChannelNames)[number];

export function isEventChannelName(name: unknown): name is EventChannelName {
  return typeof name === 'string' && (eventChannelNames as readonly string[]).includes(name);
}
