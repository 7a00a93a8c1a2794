/**
 * Agents, spaces and MCP server views over raw HTTP (docs/protocol/emulator.md#chat-5,
 * #chat-6, #mcp-31 … #mcp-33).
 */
import { describe, expect, it } from 'vitest';

import { useEmulator } from '../test-support/start.js';
import { SPACE_IDS } from './seed.js';

const emulator = useEmulator();

/**
 * `LightAgentConfigurationSchema` required fields
 * (docs/protocol/conversations.md#agent-configurations).
 */
const REQUIRED_AGENT_FIELDS = [
  'id',
  'versionCreatedAt',
  'sId',
  'version',
  'versionAuthorId',
  'instructions',
  'model',
  'status',
  'scope',
  'userFavorite',
  'name',
  'description',
  'pictureUrl',
  'maxStepsPerRun',
  'templateId',
];
const REQUIRED_SPACE_FIELDS = [
  'createdAt',
  'groupIds',
  'isRestricted',
  'kind',
  'name',
  'sId',
  'updatedAt',
];

async function getJson(
  path: string,
  token?: string | null,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await emulator().api('GET', emulator().ws(path), { token });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type Agent = Record<string, unknown> & { sId: string; scope: string };

describe('chat-5: agent configurations', () => {
  it('chat-5: default view for OAuth is `list`, with every SDK-required field and the dust global agent', async () => {
    const { status, body } = await getJson('/assistant/agent_configurations');
    expect(status).toBe(200);
    const agents = body.agentConfigurations as Agent[];
    for (const agent of agents)
      for (const field of REQUIRED_AGENT_FIELDS) expect(agent).toHaveProperty(field);
    expect(agents.map((a) => a.sId)).toEqual(['dust', 'local-tool-caller', 'no-tools', 'failing']);
    expect(agents[0]).toMatchObject({
      sId: 'dust',
      scope: 'global',
      status: 'active',
      versionCreatedAt: null,
      instructions: null,
    });
    expect(agents[0]!.model).toEqual({
      providerId: 'anthropic',
      modelId: expect.any(String) as string,
      temperature: 0.7,
    });
    expect(agents.find((a) => a.sId === 'local-tool-caller')!.userFavorite).toBe(true);
  });

  it('chat-5: `list` and `favorites` with an sk- key are 401; the key default is `all`', async () => {
    const key = emulator().seeds.apiKey;
    for (const view of ['list', 'favorites']) {
      const { status, body } = await getJson(`/assistant/agent_configurations?view=${view}`, key);
      expect(status).toBe(401);
      expect(body).toEqual({
        error: {
          type: 'invalid_request_error',
          message: `The user must be authenticated with oAuth to retrieve ${view} agents.`,
        },
      });
    }
    const all = await getJson('/assistant/agent_configurations', key);
    expect(all.status).toBe(200);
    expect((all.body.agentConfigurations as Agent[]).every((a) => a.userFavorite === false)).toBe(
      true,
    );
  });

  it('chat-5: views global, published, favorites and all_unrestricted (admin only)', async () => {
    const ids = async (view: string, token?: string): Promise<string[]> =>
      (
        (await getJson(`/assistant/agent_configurations?view=${view}`, token)).body
          .agentConfigurations as Agent[]
      ).map((a) => a.sId);
    expect(await ids('global')).toEqual(['dust']);
    expect(await ids('published')).toEqual(['local-tool-caller', 'no-tools', 'failing']);
    expect(await ids('workspace')).toEqual(await ids('published'));
    expect(await ids('favorites')).toEqual(['local-tool-caller']);
    expect(await ids('all_unrestricted')).toContain('archived-helper');
    const grace = await getJson(
      '/assistant/agent_configurations?view=all_unrestricted',
      emulator().seeds.otherUserToken,
    );
    expect(grace.status).toBe(403);
    expect((grace.body.error as { type: string }).type).toBe('app_auth_error');
    expect((await getJson('/assistant/agent_configurations?view=bogus')).status).toBe(400);
    expect((await getJson('/assistant/agent_configurations', null)).status).toBe(401);
  });
});

describe('chat-6: spaces', () => {
  it('chat-6: default kinds are system,global,regular, with the SDK-required fields', async () => {
    const { status, body } = await getJson('/spaces');
    expect(status).toBe(200);
    const spaces = body.spaces as Array<Record<string, unknown>>;
    for (const space of spaces)
      for (const field of REQUIRED_SPACE_FIELDS) expect(space).toHaveProperty(field);
    expect(spaces.map((s) => s.kind)).toEqual(['system', 'global', 'regular', 'regular']);
    expect(spaces.every((s) => String(s.sId).startsWith('vlt_'))).toBe(true);
  });

  it('chat-6: ?kinds= filters, projects only when asked, restricted spaces only for members', async () => {
    const projects = await getJson('/spaces?kinds=project');
    expect((projects.body.spaces as Array<{ kind: string }>).map((s) => s.kind)).toEqual([
      'project',
    ]);
    const grace = await getJson('/spaces?kinds=regular', emulator().seeds.otherUserToken);
    expect((grace.body.spaces as Array<{ sId: string }>).map((s) => s.sId)).toEqual([
      SPACE_IDS.regular,
    ]);
    const conversations = await getJson('/spaces?kinds=conversations');
    expect(conversations.body.spaces).toEqual([]);
  });
});

describe('mcp-31…mcp-33: mcp_server_views', () => {
  it('mcp-31: answers {"success":true,"serverViews":[…]} (not `spaces`) with the toJSON item shape', async () => {
    const { status, body } = await getJson(`/spaces/${SPACE_IDS.global}/mcp_server_views`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['success', 'serverViews']);
    expect(body.success).toBe(true);
    const view = (body.serverViews as Array<Record<string, unknown>>)[0]!;
    for (const field of [
      'id',
      'sId',
      'name',
      'description',
      'createdAt',
      'updatedAt',
      'spaceId',
      'serverType',
      'server',
      'oAuthUseCase',
      'isRestrictedToSkills',
      'editedByUser',
      'toolsMetadata',
    ]) {
      expect(view).toHaveProperty(field);
    }
    expect(view.server).toMatchObject({
      availability: 'manual',
      tools: expect.any(Array) as unknown[],
    });
  });

  it('mcp-32: only `manual` views unless includeAuto=true; serverType remote and internal', async () => {
    const names = async (query: string): Promise<string[]> =>
      (
        (await getJson(`/spaces/${SPACE_IDS.regular}/mcp_server_views${query}`)).body
          .serverViews as Array<{ name: string }>
      ).map((v) => v.name);
    expect(await names('')).toEqual(['GitHub']);
    expect(await names('?includeAuto=false')).toEqual(['GitHub']);
    expect(await names('?includeAuto=true')).toEqual(['GitHub', 'include_data']);
    const global = (await getJson(`/spaces/${SPACE_IDS.global}/mcp_server_views?includeAuto=true`))
      .body.serverViews as Array<{ serverType: string }>;
    expect(new Set(global.map((v) => v.serverType))).toEqual(new Set(['internal', 'remote']));
  });

  it('mcp-32: 404 space_not_found for unknown, unreadable and conversations spaces; 401 without a token', async () => {
    const notFound = {
      error: { type: 'space_not_found', message: 'The space you requested was not found.' },
    };
    for (const [space, token] of [
      ['vlt_doesNotExist', undefined],
      [SPACE_IDS.restricted, emulator().seeds.otherUserToken],
      [SPACE_IDS.conversations, undefined],
    ] as const) {
      const { status, body } = await getJson(`/spaces/${space}/mcp_server_views`, token);
      expect(status).toBe(404);
      expect(body).toEqual(notFound);
    }
    expect((await getJson(`/spaces/${SPACE_IDS.restricted}/mcp_server_views`)).status).toBe(200);
    expect((await getJson(`/spaces/${SPACE_IDS.global}/mcp_server_views`, null)).status).toBe(401);
  });

  it('mcp-33: a registered client-side server never appears in any space', async () => {
    const serverId = await emulator().register('my sidekick');
    const spaces = (await getJson('/spaces?kinds=system,global,regular,project')).body
      .spaces as Array<{ sId: string }>;
    for (const space of spaces) {
      const views = (await getJson(`/spaces/${space.sId}/mcp_server_views?includeAuto=true`)).body
        .serverViews as unknown[];
      expect(JSON.stringify(views)).not.toContain(serverId);
      expect(JSON.stringify(views)).not.toContain('mcp-client-side');
    }
  });
});
