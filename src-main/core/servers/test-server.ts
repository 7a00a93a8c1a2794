/**
 * "Test this server" from the settings screen: spawn, handshake, list tools, stop, and say what
 * went wrong in words. Reuses the supervisor with automatic restart off, so the check and the
 * real thing can never disagree about what "works" means.
 */
import type { ServerLaunchSpec } from '../ports.js';
import {
  ServerSupervisor,
  type ServerSupervisorOptions,
  type SupervisorPorts,
} from './server-supervisor.js';
import type { HandshakeInfo, McpTool, ServerInfo } from './state.js';

export type TestServerResult =
  | { ok: true; tools: readonly McpTool[]; handshake: HandshakeInfo; stderr: string[] }
  | { ok: false; error: string; stderr: string[] };

export interface TestServerOptions {
  name?: string;
  clientInfo: ServerInfo;
  handshakeTimeoutMs?: number;
  /** Last stderr lines to return. */
  stderrLines?: number;
  /** Secrets to mask besides the spec's own (the supervisor's redaction point). */
  knownSecrets?: () => readonly string[];
}

export async function testServer(
  spec: ServerLaunchSpec | (() => Promise<ServerLaunchSpec>),
  ports: SupervisorPorts,
  options: TestServerOptions,
): Promise<TestServerResult> {
  const settings: ServerSupervisorOptions = {
    name: options.name ?? 'test',
    spec,
    clientInfo: options.clientInfo,
    autoRestart: false,
    pingIntervalMs: 0,
    ...(typeof spec !== 'function' && 'url' in spec ? { remote: true } : {}),
    ...(options.handshakeTimeoutMs !== undefined
      ? { handshakeTimeoutMs: options.handshakeTimeoutMs }
      : {}),
    ...(options.knownSecrets ? { knownSecrets: options.knownSecrets } : {}),
  };
  const supervisor = new ServerSupervisor(settings, ports);
  try {
    const outcome = new Promise<void>((resolve) => {
      supervisor.onDidChangeState((state) => {
        if (state.kind === 'ready' || state.kind === 'stopped') resolve();
      });
    });
    supervisor.start();
    await outcome;
    const state = supervisor.state;
    const stderr = supervisor.stderrLines(options.stderrLines ?? 20);
    if (state.kind === 'ready') {
      await supervisor.stop();
      return {
        ok: true,
        tools: state.tools,
        handshake: state.handshake,
        stderr: supervisor.stderrLines(options.stderrLines ?? 20),
      };
    }
    return { ok: false, error: supervisor.describeProblem(), stderr };
  } finally {
    supervisor.dispose();
  }
}
