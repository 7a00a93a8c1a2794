/**
 * The emulator's default catalogue: spaces, MCP server views and scripted agents.
 *
 * Chosen so each branch of the listing rules has something to show: a global and a regular
 * space with views of each availability and server type, a restricted space only some users
 * can read (404 for the others), a conversations space (never readable), and agents of each
 * scripted behaviour, including Dust's `dust` global agent that the CLI auto-selects.
 */
import type { SeedAgent } from './agent-configurations.js';
import type { SeedServerView, SeedSpace, SeedTool } from './spaces.js';

const CREATED = 1_735_689_600_000;

export interface Catalogue {
  spaces: SeedSpace[];
  serverViews: SeedServerView[];
  agents: SeedAgent[];
}

export interface CatalogueOptions {
  /** Users who may read the restricted space and who starred `local-tool-caller`. */
  memberUserSIds?: readonly string[];
}

const stringArg = (name: string, description: string): Record<string, unknown> => ({
  type: 'object',
  properties: { [name]: { type: 'string', description } },
  required: [name],
});

const tool = (name: string, description: string, arg: string): SeedTool => ({
  name,
  description,
  inputSchema: stringArg(arg, `The ${arg}.`),
});

export const SPACE_IDS = {
  global: 'vlt_globalCompany',
  regular: 'vlt_regularEng01',
  restricted: 'vlt_restrictedHR',
  system: 'vlt_systemSpace1',
  conversations: 'vlt_convSpace001',
  project: 'vlt_projectApollo',
} as const;

export const AGENT_IDS = {
  dust: 'dust',
  localToolCaller: 'local-tool-caller',
  noTools: 'no-tools',
  failing: 'failing',
} as const;

/** Builds a fresh catalogue; each emulator instance owns its copy, so tests can mutate it. */
export function createDefaultCatalogue(options: CatalogueOptions = {}): Catalogue {
  const members = options.memberUserSIds ?? [];
  const space = (
    sId: string,
    name: string,
    kind: SeedSpace['kind'],
    isRestricted = false,
  ): SeedSpace => ({
    sId,
    name,
    kind,
    isRestricted,
    memberUserSIds: isRestricted ? members : [],
    createdAt: CREATED,
  });
  return {
    spaces: [
      space(SPACE_IDS.system, 'System', 'system'),
      space(SPACE_IDS.global, 'Company Data', 'global'),
      space(SPACE_IDS.regular, 'Engineering', 'regular'),
      space(SPACE_IDS.restricted, 'HR', 'regular', true),
      space(SPACE_IDS.project, 'Apollo', 'project'),
      space(SPACE_IDS.conversations, 'Conversations', 'conversations'),
    ],
    serverViews: [
      view(1, SPACE_IDS.global, 'internal', 'auto', 'web_search_&_browse', [
        tool('websearch', 'Search the web.', 'query'),
        tool('webbrowser', 'Read a web page.', 'url'),
      ]),
      view(2, SPACE_IDS.global, 'internal', 'manual', 'image_generation', [
        tool('generate_image', 'Generate an image from a prompt.', 'prompt'),
      ]),
      view(3, SPACE_IDS.global, 'remote', 'manual', 'Linear', [
        tool('create_issue', 'Create a Linear issue.', 'title'),
      ]),
      view(4, SPACE_IDS.regular, 'remote', 'manual', 'GitHub', [
        tool('search_code', 'Search code on GitHub.', 'query'),
        tool('get_pull_request', 'Read a pull request.', 'url'),
      ]),
      view(5, SPACE_IDS.regular, 'internal', 'auto', 'include_data', [
        tool('retrieve', 'Retrieve documents.', 'query'),
      ]),
      view(6, SPACE_IDS.regular, 'internal', 'auto_hidden_builder', 'agent_router', [
        tool('suggest_agents', 'Suggest agents.', 'query'),
      ]),
      view(7, SPACE_IDS.restricted, 'remote', 'manual', 'Payroll', [
        tool('lookup_salary', 'Look up a salary.', 'name'),
      ]),
    ],
    agents: [
      agent(
        0,
        AGENT_IDS.dust,
        'dust',
        'An assistant with context on your company data.',
        'global',
        { kind: 'auto' },
      ),
      agent(
        101,
        AGENT_IDS.localToolCaller,
        'LocalToolCaller',
        'Calls one client-side tool and quotes its result.',
        'workspace',
        {
          kind: 'local-tool-caller',
        },
        members,
      ),
      agent(102, AGENT_IDS.noTools, 'NoTools', 'Answers without using any tool.', 'published', {
        kind: 'no-tools',
      }),
      agent(103, AGENT_IDS.failing, 'Failing', 'Always fails with an agent_error.', 'published', {
        kind: 'failing',
      }),
      {
        ...agent(104, 'archived-helper', 'ArchivedHelper', 'No longer active.', 'workspace', {
          kind: 'no-tools',
        }),
        status: 'archived',
      },
      agent(105, 'hidden-helper', 'HiddenHelper', 'Only visible to admins.', 'hidden', {
        kind: 'no-tools',
      }),
    ],
  };
}

function view(
  id: number,
  spaceSId: string,
  serverType: SeedServerView['serverType'],
  availability: SeedServerView['availability'],
  serverName: string,
  tools: SeedTool[],
): SeedServerView {
  return {
    id,
    sId: `msv_view${String(id).padStart(6, '0')}`,
    spaceSId,
    serverType,
    availability,
    serverName,
    serverSId: `${serverType === 'internal' ? 'ims' : 'rms'}_server${String(id).padStart(4, '0')}`,
    description: `${serverName} tools.`,
    tools,
    createdAt: CREATED,
  };
}

function agent(
  id: number,
  sId: string,
  name: string,
  description: string,
  scope: SeedAgent['scope'],
  behaviour: SeedAgent['behaviour'],
  favoriteOf: readonly string[] = [],
): SeedAgent {
  return { id, sId, name, description, scope, status: 'active', favoriteOf, behaviour };
}
