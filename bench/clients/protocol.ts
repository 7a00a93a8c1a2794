/**
 * The runner ⇄ client messages (Node IPC channel of `fork`). Each client runs in its own process
 * so its CPU, heap and RSS are its own, and a crash cannot take the emulator down.
 */
export interface StartMessage {
  type: 'start';
  url: string;
  token: string;
  workspaceId: string;
  /** How many local servers to register (1 for load, 5 for startup). */
  servers: number;
  /** Server names are `<prefix>-<n>` (5–30 characters, unique per run). */
  namePrefix: string;
  /** The stdio server ours spawns (the minimal child or the SDK fixture; others ignore it). */
  fixturePath: string;
  /** The hand-written stdio echo child (raw-stdio spawns one per server). */
  rawChildPath: string;
  /** The bundled dust-mcp-bridge (ours runs it, as a person would). */
  bridgePath: string;
}

export type ToClient = StartMessage | { type: 'stats'; gc: boolean } | { type: 'stop' };

export interface ClientStats {
  heapUsed: number;
  rss: number;
  /** process.cpuUsage(), microseconds. */
  cpuUserUs: number;
  cpuSystemUs: number;
  /** RSS of the client's child processes (its local servers), bytes; 0 when it has none. */
  childrenRss: number;
  /**
   * This process and its children together, bytes, their file-backed pages counted once: the
   * sum of their anonymous RSS plus the largest file-backed RSS among them (mostly the node
   * binary, mapped by each and held in memory once). Linux only; 0 elsewhere.
   */
  memoryWithChildren: number;
  /**
   * Promise rejections nobody handled. Each would have ended the process under Node's default
   * (--unhandled-rejections=throw); every client counts them instead, so a run goes on.
   */
  unhandledRejections: number;
}

export type FromClient =
  | { type: 'ready'; serverIds: string[] }
  | ({ type: 'stats' } & ClientStats)
  | { type: 'error'; message: string };

export const CLIENT_KINDS = ['ours', 'raw', 'raw-stdio', 'sdk'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Names: 5–30 characters (Dust's rule). */
export const serverName = (prefix: string, index: number): string => `${prefix}-${index + 1}`;
