import { type DemoAgent, startDemoAgent } from '../dust-emulator/demo-agent.js';
import { type AppHarness, startAppHarness } from './app-harness.js';
import { everythingServer } from './sample-servers.js';

export interface DemoOptions {
  /** Between the scripted agent's calls; 20 s by default. */
  intervalMs?: number;
  firstCallMs?: number;
  log?: (line: string) => void;
}

export interface RunningDemo {
  /** The app's window, for any browser on this machine. */
  pageUrl: string;
  harness: AppHarness;
  agent: DemoAgent;
  close(): Promise<void>;
}

/**
 * `npm run demo`: the real app services against the Dust emulator, signed in already, bridging
 * server-everything, with an agent that calls its `echo` tool now and then, so a newcomer sees
 * the whole flow (a request arrives, they approve, the agent gets the result) in a browser.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => undefined);
  const harness = await startAppHarness({
    mcpServers: { everything: { ...everythingServer(), trusted: false } },
    // The desktop app asks in a native dialog before a program runs; the demo says yes for you,
    // aloud.
    confirmations: (question) => {
      log(
        `Main asked "${question.message}" (the desktop shows a dialog); the demo answers "${question.confirmLabel}".`,
      );
      return true;
    },
  });
  try {
    const { services, emulator } = harness;
    // The harness plays the person's browser and confirms the code; the demo starts that flow
    // itself.
    await services.auth.startSignIn();
    if (services.auth.state.kind === 'choose-workspace')
      await services.auth.selectWorkspace(emulator.seeds.workspaceId);
    if (services.auth.state.kind !== 'signed-in')
      throw new Error(`The demo could not sign in to the emulator (${services.auth.state.kind}).`);
    log(`Signed in to the emulated Dust at ${emulator.url} as ${emulator.seeds.users.ada.email}.`);
  } catch (error) {
    await harness.close();
    throw error;
  }
  const agent = startDemoAgent(harness.emulator, {
    intervalMs: options.intervalMs ?? 20_000,
    firstCallMs: options.firstCallMs ?? 3000,
    log,
  });
  return {
    pageUrl: harness.pageUrl,
    harness,
    agent,
    close: async () => {
      agent.stop();
      await harness.close();
    },
  };
}
