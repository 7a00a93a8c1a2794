/**
 * A server's state machines' names ("backoff", "streaming", "registerBackoff") in words a person
 * reads on the card; the machine names stay for logs and tests. An unknown state shows as is.
 */
const localWords: Record<string, string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  ready: 'Running',
  crashed: 'Crashed',
  hung: 'Not responding',
  backoff: 'Waiting to retry',
  stopping: 'Stopping',
};

const dustWords: Record<string, string> = {
  stopped: 'Not connected',
  registering: 'Connecting',
  registerBackoff: 'Waiting to retry',
  streaming: 'Connected',
  reconnecting: 'Reconnecting',
  failed: 'Failed',
  unauthorized: 'Sign-in needed',
};

export const localStateWord = (state: string): string => localWords[state] ?? state;
export const dustStateWord = (state: string): string => dustWords[state] ?? state;

/**
 * The detail beside the state word, unless it only repeats it ("Connected" next to "Connected").
 */
export function besides(word: string, detail: string): string {
  const plain = (text: string) => text.trim().replace(/\.$/, '').toLowerCase();
  return plain(word) === plain(detail) ? '' : detail;
}
