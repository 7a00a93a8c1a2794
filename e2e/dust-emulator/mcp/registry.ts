/**
 * The client-side MCP registry (`client_side_registry.ts`): one entry per (workspace, user,
 * serverId), alive for `ttl` after the last register, heartbeat or access check. A key of another
 * user is simply not found, exactly like an unknown one (docs/protocol/emulator.md#mcp-3).
 */
import { randomBytes } from 'node:crypto';

import type { EmulatorClock } from '../clock.js';
import { slugify } from './slugify.js';

export interface Registration {
  readonly workspaceSId: string;
  readonly userSId: string;
  readonly serverId: string;
  readonly serverName: string;
  readonly registeredAt: number;
  lastHeartbeat: number;
  expiresAt: number;
}

const key = (workspaceSId: string, userSId: string, serverId: string): string =>
  `w:${workspaceSId}:mcp:reg:u:${userSId}:s:${serverId}`;

export class McpRegistry {
  private readonly entries = new Map<string, Registration>();
  /** Every id ever issued: ids are never reused, even after deregistration. */
  private readonly issued = new Set<string>();
  private readonly registerTimes = new Map<string, number[]>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly ttlMs: number,
  ) {}

  /** `registerMCPServer`: random 16-hex suffix, retried on the (theoretical) collision. */
  register(workspaceSId: string, userSId: string, serverName: string): Registration {
    let serverId: string;
    do {
      serverId = `mcp-client-side:${slugify(serverName)}.${randomBytes(8).toString('hex')}`;
    } while (this.issued.has(serverId));
    this.issued.add(serverId);
    const now = this.clock.now();
    const registration: Registration = {
      workspaceSId,
      userSId,
      serverId,
      serverName,
      registeredAt: now,
      lastHeartbeat: now,
      expiresAt: now + this.ttlMs,
    };
    this.entries.set(key(workspaceSId, userSId, serverId), registration);
    return registration;
  }

  /**
   * Dust's register rate limit: a sliding 60-s window per user (the sorted set
   * `rate_limiter:mcp:register:<userModelId>`, whatever the workspace). Only allowed attempts
   * are recorded, so a client that keeps retrying while refused is not locked out for longer.
   * True if this attempt is allowed.
   */
  allowRegistration(userSId: string, limitPerMinute: number | null): boolean {
    if (limitPerMinute === null) return true;
    const now = this.clock.now();
    const recent = (this.registerTimes.get(userSId) ?? []).filter((t) => now - t < 60_000);
    const allowed = recent.length < limitPerMinute;
    if (allowed) recent.push(now);
    this.registerTimes.set(userSId, recent);
    return allowed;
  }

  /** The live registration of this user, if any. */
  get(workspaceSId: string, userSId: string, serverId: string): Registration | undefined {
    const k = key(workspaceSId, userSId, serverId);
    const entry = this.entries.get(k);
    if (entry && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(k);
      return undefined;
    }
    return entry;
  }

  /** `updateMCPServerHeartbeat`: GET + SET … EX ttl. */
  heartbeat(workspaceSId: string, userSId: string, serverId: string): Registration | undefined {
    const entry = this.get(workspaceSId, userSId, serverId);
    if (!entry) return undefined;
    entry.lastHeartbeat = this.clock.now();
    entry.expiresAt = entry.lastHeartbeat + this.ttlMs;
    return entry;
  }

  /** `validateMCPServerAccess`: EXPIRE key ttl, true if it existed. */
  touch(workspaceSId: string, userSId: string, serverId: string): boolean {
    const entry = this.get(workspaceSId, userSId, serverId);
    if (entry) entry.expiresAt = this.clock.now() + this.ttlMs;
    return entry !== undefined;
  }

  deregister(workspaceSId: string, userSId: string, serverId: string): boolean {
    return this.entries.delete(key(workspaceSId, userSId, serverId));
  }

  /** Fault: the registration disappears now, whoever owns it. */
  expireNow(serverId: string): boolean {
    let found = false;
    for (const [k, entry] of this.entries) {
      if (entry.serverId === serverId) {
        this.entries.delete(k);
        found = true;
      }
    }
    return found;
  }

  /** Live registrations, for control routes and the conversation side's access checks. */
  list(): Registration[] {
    const now = this.clock.now();
    return [...this.entries.values()].filter((entry) => entry.expiresAt > now);
  }

  findByServerId(serverId: string): Registration | undefined {
    return this.list().find((entry) => entry.serverId === serverId);
  }
}
