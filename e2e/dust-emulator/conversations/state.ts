/**
 * One conversation service per running emulator, kept beside the context (not in it) so the core
 * emulator's `EmulatorContext` type stays its own. Tests reach it with
 * `conversationsOf(emulator.context)`.
 */
import type { EmulatorContext } from '../context.js';
import { ConversationService } from './service.js';

const services = new WeakMap<EmulatorContext, ConversationService>();

export function conversationsOf(ctx: EmulatorContext): ConversationService {
  let service = services.get(ctx);
  if (service === undefined) {
    service = new ConversationService({
      clock: ctx.clock,
      agent: ctx.agent,
      logTtlMs: ctx.options.eventLogTtlSeconds * 1000,
    });
    services.set(ctx, service);
  }
  return service;
}
