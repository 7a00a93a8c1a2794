import { z } from 'zod';

import {
  ActivityEntryDto,
  ApprovalsDeltaDto,
  DecideInput,
  DecideOutput,
  GrantDto,
  PendingCallDto,
  ServerViewDto,
  SpaceDto,
} from './contract/approvals.js';
import { AuthSnapshotDto, RegionDto } from './contract/auth.js';
import {
  AgentDto,
  AnswerDustApprovalInput,
  AskInput,
  ConversationDto,
  ConversationIdInput,
  FollowUpInput,
  HistoryEntryDto,
  SetShortcutInput,
  ShortcutDto,
} from './contract/chat.js';
import {
  AnswerElicitationInput,
  ElicitationsDeltaDto,
  PendingElicitationDto,
} from './contract/elicitations.js';
import {
  ExportOutput,
  ImportApplyInput,
  ImportApplyOutput,
  ImportLocationDto,
  ImportPreviewInput,
  ImportPreviewOutput,
  PolicyRuleDto,
  RuleInput,
  RuleKeyInput,
} from './contract/imports.js';
import {
  SaveServerOutput,
  ServerFormDto,
  ServerFormInput,
  ServerNameInput,
  ServerStatusDto,
  SetEnabledInput,
  SetToolEnabledInput,
  TestServerInput,
  TestServerOutput,
} from './contract/servers.js';
import { SettingsChangeInput, SettingsViewDto, StopCallInput } from './contract/settings.js';
import { type EventChannelName, isEventChannelName } from './event-names.js';

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

/**
 * A data file that could not be read at start (settings.json, grants.json): what happened, in
 * words, and where the unreadable file was kept, so the person can look at it or restore it.
 */
export const FileProblemDto = z.object({
  file: z.enum(['settings', 'grants']),
  words: z.string(),
  keptAt: z.string().optional(),
});
export type FileProblemDto = z.infer<typeof FileProblemDto>;

/**
 * Where main asks the window to go: a tray item or a notification click opens that exact view.
 *
 * A shell event rather than a service one, so it lives here from the start; the renderer decides
 * how to show each view.
 */
export const AppNavigation = z.discriminatedUnion('view', [
  z.object({ view: z.literal('home') }),
  z.object({ view: z.literal('request'), requestId: z.string().min(1).max(200) }),
  z.object({ view: z.literal('ask') }),
  z.object({ view: z.literal('servers') }),
]);
export type AppNavigation = z.infer<typeof AppNavigation>;

/**
 * A stream's state as of `seq`: deltas with a higher `seq` apply on top
 * (ARCHITECTURE.md#snapshot-then-subscribe).
 */
export function snapshotOf<T extends z.ZodType>(value: T) {
  return z.object({ seq: z.number().int().nonnegative(), value });
}

/**
 * The renderer calls this once its event listeners are in place; until then main queues the
 * events for that window (Electron Fiddle's ready pattern), so none is lost while the page loads.
 */
export const RENDERER_READY_CHANNEL = 'app:rendererReady';

const none = z.void();
const shortId = z.string().min(1).max(200);

export const invokeChannels = {
  'app:getInfo': { input: none, output: AppInfo },
  /**
   * Data files that were unreadable at start, and where they were kept (a banner in the window).
   */
  'app:fileProblems': { input: none, output: z.array(FileProblemDto) },
  [RENDERER_READY_CHANNEL]: { input: none, output: none },

  'auth:snapshot': { input: none, output: snapshotOf(AuthSnapshotDto) },
  'auth:setRegion': { input: RegionDto, output: none },
  /** Starts the device flow and returns at once; progress arrives as `auth:changed`. */
  'auth:startSignIn': { input: none, output: none },
  'auth:cancelSignIn': { input: none, output: none },
  'auth:selectWorkspace': { input: z.object({ workspaceId: shortId }), output: none },
  'auth:signOut': { input: none, output: none },

  'servers:snapshot': { input: none, output: snapshotOf(z.array(ServerStatusDto)) },
  'servers:setEnabled': { input: SetEnabledInput, output: none },
  'servers:restart': { input: ServerNameInput, output: none },
  /** Switches one tool off (hidden from Dust, refused if called) or back on; no restart. */
  'servers:setToolEnabled': { input: SetToolEnabledInput, output: none },

  'approvals:snapshot': { input: none, output: snapshotOf(z.array(PendingCallDto)) },
  'approvals:decide': { input: DecideInput, output: DecideOutput },

  /** Forms a local server asks the person to fill in during a tool call (MCP elicitation). */
  'elicitations:snapshot': { input: none, output: snapshotOf(z.array(PendingElicitationDto)) },
  'elicitations:answer': { input: AnswerElicitationInput, output: none },

  'grants:list': { input: none, output: z.array(GrantDto) },
  'grants:revoke': { input: z.object({ id: shortId }), output: none },
  'grants:revokeAll': { input: none, output: none },

  'activity:list': {
    input: z.object({ limit: z.number().int().positive().max(5000).optional() }),
    output: z.array(ActivityEntryDto),
  },
  'activity:exportJsonl': { input: none, output: z.object({ jsonl: z.string() }) },
  /** Stops a call running on a local server; the agent is told the person stopped it. */
  'calls:stop': { input: StopCallInput, output: none },

  'settings:get': { input: none, output: SettingsViewDto },
  /**
   * One change (notifications, start at login, wait time, pause); answers the view as it is now.
   */
  'settings:set': { input: SettingsChangeInput, output: SettingsViewDto },

  'spaces:list': { input: none, output: z.array(SpaceDto) },
  'spaces:serverViews': { input: z.object({ spaceId: shortId }), output: z.array(ServerViewDto) },

  /**
   * Add (no `originalName`) or edit a server; secret values go to the keychain, never to settings.
   */
  'servers:save': { input: ServerFormInput, output: SaveServerOutput },
  /** Removes the server, its rules, its grants and its keychain secrets. */
  'servers:remove': { input: ServerNameInput, output: none },
  /** The saved server in the form's shape, secrets masked. */
  'servers:get': { input: ServerNameInput, output: ServerFormDto },
  /** Spawn, handshake, tools/list, stop: the failure in words. Saves nothing. */
  'servers:test': { input: TestServerInput, output: TestServerOutput },

  'import:locations': { input: none, output: z.array(ImportLocationDto) },
  'import:preview': { input: ImportPreviewInput, output: ImportPreviewOutput },
  'import:apply': { input: ImportApplyInput, output: ImportApplyOutput },
  /**
   * Every server as the mcpServers JSON Claude Desktop, Cursor, Cline read; secrets as
   * placeholders.
   */
  'import:export': { input: none, output: ExportOutput },

  'rules:list': { input: none, output: z.array(PolicyRuleDto) },
  /** Sets the action for (server, tool), replacing a rule for the same pair. */
  'rules:set': { input: RuleInput, output: none },
  'rules:remove': { input: RuleKeyInput, output: none },

  /** Active agents of the workspace, favourites first. */
  'chat:agents': { input: none, output: z.array(AgentDto) },
  /** The conversations started here (this run), oldest first; then `chat:changed`. */
  'chat:snapshot': { input: none, output: snapshotOf(z.array(ConversationDto)) },
  /** Creates the conversation with the connected servers (or `serverNames`); the answer streams. */
  'chat:ask': { input: AskInput, output: ConversationDto },
  'chat:followUp': { input: FollowUpInput, output: ConversationDto },
  /** Conversations started here, this run or earlier ones, newest first (this workspace). */
  'chat:history': { input: none, output: z.array(HistoryEntryDto) },
  /** Reads a remembered conversation back from Dust so it can go on here; then `chat:changed`. */
  'chat:open': { input: ConversationIdInput, output: ConversationDto },
  /** Cancels the running answer. */
  'chat:stop': { input: ConversationIdInput, output: none },
  /** Answers a Dust-side approval (a tool that is not ours; ours go through `approvals:decide`). */
  'chat:answerApproval': { input: AnswerDustApprovalInput, output: none },
  /** Opens the conversation in Dust in the browser; main takes the URL from Dust, not the page. */
  'chat:openInDust': { input: ConversationIdInput, output: none },
  'chat:shortcut': { input: none, output: ShortcutDto },
  /** Sets (or clears, with null) the global shortcut that opens the composer. */
  'chat:setShortcut': { input: SetShortcutInput, output: ShortcutDto },
} as const;

export const eventChannels = {
  'app:navigate': AppNavigation,
  'auth:changed': AuthSnapshotDto,
  'servers:changed': z.array(ServerStatusDto),
  'approvals:changed': ApprovalsDeltaDto,
  'elicitations:changed': ElicitationsDeltaDto,
  'grants:changed': z.array(GrantDto),
  'activity:recorded': ActivityEntryDto,
  'rules:changed': z.array(PolicyRuleDto),
  /** One conversation's new snapshot (its `seq` orders them). */
  'chat:changed': ConversationDto,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type EventPayload<C extends EventChannel> = z.output<(typeof eventChannels)[C]>;

/** One event as it crosses IPC: the payload and the per-channel sequence number it produced. */
export interface EventMessage<C extends EventChannel = EventChannel> {
  seq: number;
  payload: EventPayload<C>;
}

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return isEventChannelName(name);
}

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * @public Compile-time check, imported by nothing: the zod-free name list (event-names.ts) and
 * the schemas name the same channels.
 */
export const eventNamesMatchContract: SameKeys<EventChannel, EventChannelName> = true;
