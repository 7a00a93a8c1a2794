/**
 * Agent configurations as Dust's public API returns them (`LightAgentConfigurationSchema`).
 *
 * The SDK parses every response with zod, so a missing required field turns a 200 into
 * `unexpected_response_format` on the client (docs/protocol/conversations.md#agent-configurations).
 * The builder therefore always emits the full required set, whatever the seed leaves out.
 */

/** Status values of `LightAgentConfigurationSchema.status`. */
export type AgentStatus =
  | 'active'
  | 'archived'
  | 'draft'
  | 'pending'
  | 'disabled_by_admin'
  | 'disabled_missing_datasource'
  | 'disabled_free_workspace';

/** Scope values of `LightAgentConfigurationSchema.scope`. */
export type AgentScope = 'global' | 'workspace' | 'published' | 'private' | 'hidden' | 'visible';

/**
 * How a seeded agent behaves when mentioned; see conversations/scripted-agents.ts.
 *
 * `auto` (the `dust` agent) calls a tool only when the message carries a JSON tool block.
 */
export type AgentBehaviour =
  | { kind: 'auto' }
  | { kind: 'local-tool-caller'; tool?: string; arguments?: Record<string, unknown> }
  | { kind: 'no-tools'; answer?: string }
  | { kind: 'failing'; code?: string; message?: string };

/** What the emulator knows about an agent: the public fields plus test-only settings. */
export interface SeedAgent {
  id: number;
  sId: string;
  name: string;
  description: string;
  scope: AgentScope;
  status: AgentStatus;
  /** sIds of users who marked it as a favourite (drives `userFavorite` and `view=favorites`). */
  favoriteOf: readonly string[];
  /** For `private` agents: the owner's user sId. */
  ownerUserSId?: string;
  behaviour: AgentBehaviour;
}

/** The wire shape; every field here is required by the SDK or commonly read by clients. */
export interface LightAgentConfiguration {
  id: number;
  sId: string;
  version: number;
  versionCreatedAt: string | null;
  versionAuthorId: number | null;
  name: string;
  description: string;
  pictureUrl: string;
  instructions: string | null;
  model: { providerId: string; modelId: string; temperature: number };
  status: AgentStatus;
  scope: AgentScope;
  userFavorite: boolean;
  maxStepsPerRun: number;
  templateId: string | null;
  visualizationEnabled: boolean;
  requestedGroupIds: string[][];
  requestedSpaceIds: string[];
}

const PICTURE_BASE = 'https://dust.tt/static/systemavatar';

/** Builds the public JSON of one agent as seen by `userSId` (null for an API key). */
export function toLightAgentConfiguration(
  agent: SeedAgent,
  userSId: string | null,
): LightAgentConfiguration {
  const isGlobal = agent.scope === 'global';
  return {
    id: isGlobal ? -1 : agent.id,
    sId: agent.sId,
    version: 0,
    versionCreatedAt: isGlobal ? null : new Date(1_735_689_600_000).toISOString(),
    versionAuthorId: isGlobal ? null : 1,
    name: agent.name,
    description: agent.description,
    pictureUrl: `${PICTURE_BASE}/${isGlobal ? 'dust_avatar_full' : 'helper_avatar_full'}.png`,
    instructions: isGlobal ? null : `Scripted emulator agent (${agent.behaviour.kind}).`,
    model: { providerId: 'anthropic', modelId: 'claude-sonnet-4-5-20250929', temperature: 0.7 },
    status: agent.status,
    scope: agent.scope,
    userFavorite: userSId !== null && agent.favoriteOf.includes(userSId),
    maxStepsPerRun: 8,
    templateId: null,
    visualizationEnabled: false,
    requestedGroupIds: [],
    requestedSpaceIds: [],
  };
}

/** The `view` values Dust accepts (`GetAgentConfigurationsQuerySchema`). */
export const AGENT_VIEWS = [
  'all',
  'all_unrestricted',
  'list',
  'workspace',
  'published',
  'global',
  'favorites',
] as const;
export type AgentView = (typeof AGENT_VIEWS)[number];

/**
 * Filters agents for a view the way Dust's `getAgentConfigurationsForView` does, simplified.
 *
 * `list` = every active agent the user can use (global, workspace, published, their private ones);
 * `all` = the same without private agents (the key default); `workspace` is normalised to
 * `published`. Only active agents are returned except for `all_unrestricted`.
 */
export function agentsForView(
  agents: readonly SeedAgent[],
  view: AgentView,
  userSId: string | null,
): SeedAgent[] {
  const active = agents.filter((agent) => view === 'all_unrestricted' || agent.status === 'active');
  const canSee = (agent: SeedAgent): boolean =>
    agent.scope !== 'private' || (userSId !== null && agent.ownerUserSId === userSId);
  switch (view) {
    case 'list':
      return active.filter((agent) => agent.scope !== 'hidden' && canSee(agent));
    case 'all':
    case 'all_unrestricted':
      return active.filter((agent) => agent.scope !== 'private');
    case 'workspace':
    case 'published':
      return active.filter((agent) => agent.scope === 'published' || agent.scope === 'workspace');
    case 'global':
      return active.filter((agent) => agent.scope === 'global');
    case 'favorites':
      return active.filter(
        (agent) => userSId !== null && agent.favoriteOf.includes(userSId) && canSee(agent),
      );
  }
}
