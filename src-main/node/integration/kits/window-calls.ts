import type { AgentTurnDto, ConversationDto } from '../../../shared/contract/chat.js';
import type { InvokeChannel, InvokeOutput } from '../../../shared/ipc-contract.js';
import type { IpcResult } from '../../../shared/ipc-result.js';
import { waitFor } from '../../test-fixtures/wait-for.js';
import type { Session } from '../fault-session.js';

/**
 * The window's side of a session: `call` answers with the result envelope as the page gets it,
 * `value` unwraps it (failing the test on an error), `latest` is the newest `chat:changed`
 * payload of a conversation, what a window would show.
 */
export function windowCalls(session: Session) {
  const call = async <C extends InvokeChannel>(channel: C, input?: unknown) =>
    (await session.invoke(channel, input)) as IpcResult<InvokeOutput<C>>;
  const value = async <C extends InvokeChannel>(
    channel: C,
    input?: unknown,
  ): Promise<InvokeOutput<C>> => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const latest = (conversationId: string) =>
    session.events
      .filter((event) => event.channel === 'chat:changed')
      .map((event) => event.message.payload as ConversationDto)
      .filter((dto) => dto.conversationId === conversationId)
      .sort((a, b) => a.seq - b.seq)
      .at(-1);
  return { call, value, latest };
}

/** The agent's last turn in a conversation as the window shows it. */
export const lastAgent = (dto: ConversationDto | undefined) =>
  dto?.turns.findLast((turn): turn is AgentTurnDto => turn.role === 'agent');

/**
 * The words the window shows on the first server card, once they include `phrase`, or after
 * `timeoutMs` as they are then, for the test's own assertion to show.
 */
export async function firstCardWords(
  session: Session,
  phrase: string,
  timeoutMs = 5_000,
): Promise<string> {
  let words = '';
  const said = async () => {
    const now = (await session.invoke('servers:snapshot', undefined)) as {
      ok: true;
      value: { value: Array<{ local: { words: string } }> };
    };
    words = now.value.value[0]?.local.words ?? '';
    return words.includes(phrase);
  };
  await waitFor(`words with "${phrase}"`, said, timeoutMs).catch(() => undefined);
  return words;
}
