import type { DustHttp } from './dust-http.js';
import {
  HeartbeatResponse,
  type Me,
  MeResponse,
  RegisterResponse,
  type ServerView,
  ServerViewsResponse,
  type Space,
  SpacesResponse,
  SuccessResponse,
} from './dust-schemas.js';
import type { SerializedJson } from './result-body.js';

/**
 * Typed calls to Dust's public API for one workspace: the client-side MCP endpoints, spaces and
 * their MCP server views. Retries are the caller's policy (result-poster.ts retries a results
 * POST); this class only speaks HTTP.
 */
export class DustApi {
  constructor(
    private readonly http: DustHttp,
    readonly workspaceId: string,
  ) {}

  private path(rest: string): string {
    return `/api/v1/w/${encodeURIComponent(this.workspaceId)}${rest}`;
  }

  register(serverName: string): Promise<RegisterResponse> {
    return this.http.json('POST', this.path('/mcp/register'), RegisterResponse, { serverName });
  }

  /**
   * Keeps a registration alive. Dust answers 404 `mcp_server_connection_not_found` once it expired;
   * the private-API variant answers 200 `{success:false}`, which we treat the same way.
   */
  async heartbeat(serverId: string): Promise<{ alive: boolean; expiresAt?: string }> {
    const body = await this.http.json('POST', this.path('/mcp/heartbeat'), HeartbeatResponse, {
      serverId,
    });
    return body.success
      ? { alive: true, ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}) }
      : { alive: false };
  }

  /** Posts one JSON-RPC response (or notification) exactly as the local server produced it. */
  async postResult(serverId: string, result: unknown): Promise<void> {
    await this.http.json('POST', this.path('/mcp/results'), SuccessResponse, { serverId, result });
  }

  /** The same, with the body already made (result-body.ts `resultBody`), as retries send it. */
  async postResultBody(body: SerializedJson): Promise<void> {
    await this.http.json('POST', this.path('/mcp/results'), SuccessResponse, body);
  }

  async deregister(serverId: string): Promise<void> {
    await this.http.json('POST', this.path('/mcp/deregister'), SuccessResponse, { serverId });
  }

  /** The SSE URL; `lastEventId` is the exclusive cursor (absent = everything still pending). */
  requestsUrl(serverId: string, lastEventId: string | undefined): string {
    const query = new URLSearchParams({ serverId });
    if (lastEventId) query.set('lastEventId', lastEventId);
    return `${this.http.baseUrl}${this.path('/mcp/requests')}?${query.toString()}`;
  }

  async listSpaces(): Promise<Space[]> {
    return (await this.http.json('GET', this.path('/spaces'), SpacesResponse)).spaces;
  }

  async listServerViews(spaceId: string, includeAuto = false): Promise<ServerView[]> {
    const path = this.path(
      `/spaces/${encodeURIComponent(spaceId)}/mcp_server_views?includeAuto=${String(includeAuto)}`,
    );
    return (await this.http.json('GET', path, ServerViewsResponse)).serverViews;
  }
}

/** `/api/v1/me` is not under a workspace: it lists the workspaces to pick from. */
export async function fetchMe(http: DustHttp): Promise<Me> {
  return (await http.json('GET', '/api/v1/me', MeResponse)).user;
}
