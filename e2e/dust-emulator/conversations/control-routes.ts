/**
 * Test controls for the conversation side, under `/__emulator/conversations/…` (the core control
 * routes own the rest of `/__emulator/`). Plain JSON, no auth: the emulator only listens on
 * 127.0.0.1.
 *
 *   GET   /__emulator/conversations/faults            current switches
 *   POST  /__emulator/conversations/faults            merge switches (any subset of ConversationFaults)
 *   POST  /__emulator/conversations/faults/reset      back to Dust's defaults
 *   GET   /__emulator/conversations/messages/:mId/log the stored events of one agent message
 *   GET   /__emulator/conversations/:cId              the raw conversation record
 *   GET   /__emulator/conversations/catalogue         agents, spaces and server views
 *   POST  /__emulator/conversations/catalogue/agents  add or replace a scripted agent (SeedAgent)
 */
import type { Hono } from 'hono';

import type { SeedAgent } from '../catalogue/agent-configurations.js';
import { catalogueOf } from '../catalogue/state.js';
import type { EmulatorContext } from '../context.js';
import { apiError } from '../http/errors.js';
import { isRecord } from '../values.js';
import { type ConversationFaults, defaultFaults } from './faults.js';
import { readJson } from './http-helpers.js';
import { conversationsOf } from './state.js';

const BASE = '/__emulator/conversations';

export function registerConversationControlRoutes(app: Hono, ctx: EmulatorContext): void {
  const service = conversationsOf(ctx);
  const catalogue = catalogueOf(ctx);

  app.get(`${BASE}/faults`, (c) => c.json(service.faults));
  app.post(`${BASE}/faults`, async (c) => {
    const read = await readJson(c);
    if (!read.ok) return read.response;
    if (!isRecord(read.body))
      return apiError(c, 400, 'invalid_request_error', 'Expected a JSON object.');
    const problem = Object.entries(read.body)
      .map(([key, value]) => faultProblem(key, value))
      .find((p) => p !== null);
    if (problem) return apiError(c, 400, 'invalid_request_error', problem);
    Object.assign(service.faults, read.body);
    return c.json(service.faults);
  });
  app.post(`${BASE}/faults/reset`, (c) => {
    Object.assign(service.faults, defaultFaults() satisfies ConversationFaults);
    return c.json(service.faults);
  });

  app.get(`${BASE}/catalogue`, (c) => c.json(catalogue));
  app.post(`${BASE}/catalogue/agents`, async (c) => {
    const read = await readJson(c);
    if (!read.ok) return read.response;
    const agent = read.body as Partial<SeedAgent>;
    if (!isRecord(agent) || typeof agent.sId !== 'string' || !isRecord(agent.behaviour)) {
      return apiError(
        c,
        400,
        'invalid_request_error',
        'An agent needs at least sId and behaviour.',
      );
    }
    const full: SeedAgent = {
      id: 200 + catalogue.agents.length,
      name: agent.sId,
      description: `Scripted agent ${agent.sId}.`,
      scope: 'workspace',
      status: 'active',
      favoriteOf: [],
      ...agent,
    } as SeedAgent;
    catalogue.agents = [...catalogue.agents.filter((a) => a.sId !== full.sId), full];
    return c.json({ agent: full });
  });

  app.get(`${BASE}/messages/:mId/log`, (c) =>
    c.json({ events: service.messageLog.entries(c.req.param('mId')) }),
  );
  app.get(`${BASE}/:cId`, (c) => {
    const conversation = [...ctx.identity.seed.workspaces]
      .map((w) => service.store.get(w.sId, c.req.param('cId')))
      .find((found) => found !== undefined);
    return conversation
      ? c.json(conversation)
      : apiError(c, 404, 'conversation_not_found', 'No such conversation.');
  });
}

const NULLABLE_NUMBERS = new Set([
  'messageStreamTimeoutMs',
  'messagesPerMinute',
  'approvalTimeoutMs',
]);
const PROGRAMMATIC_MODES = new Set(['ok', 'no_credits', 'spending_cap', 'credits_exhausted']);

/** Why a fault value is refused, or null: each key keeps the type of its default. */
function faultProblem(key: string, value: unknown): string | null {
  const defaults = defaultFaults() as unknown as Record<string, unknown>;
  if (!(key in defaults)) return `Unknown fault: ${key}`;
  const ok =
    key === 'programmatic'
      ? typeof value === 'string' && PROGRAMMATIC_MODES.has(value)
      : key === 'agentError'
        ? value === null ||
          (isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string')
        : key === 'streamCuts'
          ? Array.isArray(value) &&
            value.every((cut) => isRecord(cut) && typeof cut.times === 'number')
          : NULLABLE_NUMBERS.has(key)
            ? value === null || typeof value === 'number'
            : typeof value === typeof defaults[key];
  return ok ? null : `Invalid value for fault ${key}: ${JSON.stringify(value)}`;
}
