import type {
  ElicitationsDeltaDto,
  PendingElicitationDto,
} from '../../../src-main/shared/contract/elicitations';
import { errorWords } from '../errors';
import type { SliceContext } from './types';

export interface ElicitationsState {
  items: PendingElicitationDto[];
  answering: Record<string, boolean>;
  /** Main's refusal in words (a required field missing, a value out of bounds), by form id. */
  errors: Record<string, string>;
}

export type ElicitationReply =
  | { action: 'accept'; content: Record<string, string | number | boolean | string[]> }
  | { action: 'decline' | 'cancel' };

export interface ElicitationsSlice {
  elicitations: ElicitationsState;
  applyElicitationsSnapshot: (items: PendingElicitationDto[]) => void;
  applyElicitationsEvent: (delta: ElicitationsDeltaDto) => void;
  /**
   * Sends the person's answer. What they typed is passed to main once and kept nowhere here: not
   * in the store, not in a log.
   */
  answerElicitation: (id: string, reply: ElicitationReply) => Promise<void>;
}

export function createElicitationsSlice({ set, get, bridge }: SliceContext): ElicitationsSlice {
  const update = (change: (state: ElicitationsState) => ElicitationsState) =>
    set({ elicitations: change(get().elicitations) });
  return {
    elicitations: { items: [], answering: {}, errors: {} },
    applyElicitationsSnapshot: (items) => update((state) => ({ ...state, items })),
    applyElicitationsEvent: (delta) =>
      update((state) =>
        delta.kind === 'added'
          ? {
              ...state,
              items: [
                ...state.items.filter((item) => item.id !== delta.elicitation.id),
                delta.elicitation,
              ],
            }
          : {
              ...state,
              items: state.items.filter((item) => item.id !== delta.id),
              answering: without(state.answering, delta.id),
              errors: without(state.errors, delta.id),
            },
      ),
    async answerElicitation(id, reply) {
      const form = get().elicitations.items.find((item) => item.id === id);
      if (!form || get().elicitations.answering[id]) return;
      update((state) => ({
        ...state,
        answering: { ...state.answering, [id]: true },
        errors: without(state.errors, id),
      }));
      try {
        await bridge.elicitations.answer(
          reply.action === 'accept'
            ? { id, nonce: form.nonce, action: 'accept', content: reply.content }
            : { id, nonce: form.nonce, action: reply.action },
        );
      } catch (error) {
        update((state) => ({
          ...state,
          answering: without(state.answering, id),
          errors: { ...state.errors, [id]: errorWords(error).message },
        }));
      }
    },
  };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
