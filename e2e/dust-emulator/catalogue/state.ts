/**
 * One catalogue per running emulator, reachable from the context without touching the core
 * emulator's `EmulatorContext` type: both the catalogue and the conversation routes need the
 * agents.
 */
import type { EmulatorContext } from '../context.js';
import { type Catalogue, createDefaultCatalogue } from './seed.js';

const catalogues = new WeakMap<EmulatorContext, Catalogue>();

/** The catalogue of this emulator, created on first use with Ada as the restricted-space member. */
export function catalogueOf(ctx: EmulatorContext): Catalogue {
  let catalogue = catalogues.get(ctx);
  if (catalogue === undefined) {
    catalogue = createDefaultCatalogue({ memberUserSIds: [ctx.identity.seed.users.ada.sId] });
    catalogues.set(ctx, catalogue);
  }
  return catalogue;
}
