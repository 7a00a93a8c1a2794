import type {
  AgentDto,
  AgentTurnDto,
  ConversationDto,
  ToolCallDto,
  UserTurnDto,
} from '../../src-main/shared/contract/chat';

export const agents: AgentDto[] = [
  { sId: 'agent-local', name: 'LocalToolCaller', description: 'Calls a local tool' },
  { sId: 'agent-plain', name: 'NoTools' },
];

export const userTurn = (overrides: Partial<UserTurnDto> = {}): UserTurnDto => ({
  role: 'user',
  messageId: 'm-user-1',
  text: 'What time is it?',
  servers: [{ name: 'everything', serverId: 'mcp-client-side:everything.1' }],
  ...overrides,
});

export const agentTurn = (overrides: Partial<AgentTurnDto> = {}): AgentTurnDto => ({
  role: 'agent',
  messageId: 'm-agent-1',
  agentId: 'agent-local',
  text: '',
  thinking: '',
  status: 'streaming',
  toolCalls: [],
  reconnecting: false,
  ...overrides,
});

export const toolCall = (overrides: Partial<ToolCallDto> = {}): ToolCallDto => ({
  key: 'a1',
  actionId: 'a1',
  toolName: 'echo',
  serverName: 'everything',
  local: true,
  params: { message: 'hi' },
  status: 'running',
  output: null,
  ...overrides,
});

export const conversation = (overrides: Partial<ConversationDto> = {}): ConversationDto => ({
  conversationId: 'conv1',
  agentId: 'agent-local',
  url: 'https://dust.tt/w/ws1/conversation/conv1',
  status: 'answering',
  turns: [userTurn(), agentTurn()],
  approvals: [],
  lostServers: [],
  seq: 1,
  ...overrides,
});
