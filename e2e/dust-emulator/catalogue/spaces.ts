/**
 * Spaces and MCP server views as Dust's public API returns them.
 *
 * Shapes: docs/protocol/conversations.md#spaces (`SpaceTypeSchema`) and
 * docs/protocol/client-side-mcp.md#server-views (`MCPServerViewResource.toJSON`). Client-side
 * servers never appear here: in Dust they are Redis keys, not database resources, so the emulator's
 * registry is deliberately not consulted.
 */

export type SpaceKind = 'system' | 'global' | 'regular' | 'project' | 'conversations' | 'public';

/** Kinds listed when `?kinds=` is absent (front-api `spaces/index.ts`). */
export const DEFAULT_SPACE_KINDS: readonly SpaceKind[] = ['system', 'global', 'regular'];

export interface SeedSpace {
  sId: string;
  name: string;
  kind: SpaceKind;
  isRestricted: boolean;
  /** User sIds allowed to read a restricted space; ignored when not restricted. */
  memberUserSIds: readonly string[];
  createdAt: number;
}

export interface SpaceJson {
  sId: string;
  name: string;
  kind: SpaceKind;
  createdAt: number;
  updatedAt: number;
  groupIds: string[];
  isRestricted: boolean;
  managementMode: 'manual' | 'group';
}

export interface SeedTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface SeedServerView {
  id: number;
  sId: string;
  spaceSId: string;
  serverType: 'remote' | 'internal';
  availability: 'manual' | 'auto' | 'auto_hidden_builder';
  serverName: string;
  serverSId: string;
  description: string;
  tools: readonly SeedTool[];
  createdAt: number;
}

/** Whether a caller (user sId, or null for an API key) may read the space. */
export function canReadSpace(space: SeedSpace, userSId: string | null): boolean {
  if (space.kind === 'conversations') return false;
  if (!space.isRestricted) return true;
  return userSId !== null && space.memberUserSIds.includes(userSId);
}

export function toSpaceJson(space: SeedSpace): SpaceJson {
  return {
    sId: space.sId,
    name: space.name,
    kind: space.kind,
    createdAt: space.createdAt,
    updatedAt: space.createdAt,
    groupIds: [`grp_${space.sId.slice(4)}`],
    isRestricted: space.isRestricted,
    managementMode: 'manual',
  };
}

/**
 * Parses `?kinds=a,b` into a set, falling back to the default kinds.
 *
 * Unknown kinds are ignored rather than rejected, which is enough for a client's space picker.
 */
export function parseKinds(raw: string | undefined): ReadonlySet<string> {
  if (raw === undefined || raw.trim() === '') return new Set(DEFAULT_SPACE_KINDS);
  return new Set(
    raw
      .split(',')
      .map((kind) => kind.trim())
      .filter((kind) => kind !== ''),
  );
}

/**
 * Views listed by `GET …/spaces/{spaceId}/mcp_server_views`: `manual` ones, plus `auto` ones
 * when `includeAuto=true` (`listBySpaceEnsuringAutoViews`).
 */
export function viewsForSpace(
  views: readonly SeedServerView[],
  spaceSId: string,
  includeAuto: boolean,
): SeedServerView[] {
  return views.filter(
    (view) =>
      view.spaceSId === spaceSId &&
      (view.availability === 'manual' || (includeAuto && view.availability === 'auto')),
  );
}

/** The full `MCPServerViewResource.toJSON` item; the SDK keeps a subset and strips the rest. */
export function toServerViewJson(view: SeedServerView): Record<string, unknown> {
  return {
    id: view.id,
    sId: view.sId,
    name: view.serverName,
    description: view.description,
    createdAt: view.createdAt,
    updatedAt: view.createdAt,
    spaceId: view.spaceSId,
    serverType: view.serverType,
    server: {
      sId: view.serverSId,
      name: view.serverName,
      version: '1.0.0',
      description: view.description,
      icon: view.serverType === 'internal' ? 'ActionGlobeAltIcon' : 'ActionCloudArrowLeftRightIcon',
      authorization: null,
      tools: view.tools.map((tool) => ({ ...tool })),
      availability: view.availability,
      allowMultipleInstances: view.serverType === 'remote',
      documentationUrl: null,
    },
    oAuthUseCase: null,
    isRestrictedToSkills: false,
    editedByUser: null,
    toolsMetadata: view.tools.map((tool) => ({
      toolName: tool.name,
      permission: 'high',
      enabled: true,
    })),
  };
}
