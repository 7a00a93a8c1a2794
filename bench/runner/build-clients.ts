/**
 * Bundles each client and the fixture server with esbuild, as the app itself ships (one file,
 * dependencies left in node_modules), so startup measures our code and not a TypeScript loader.
 * Output goes under node_modules/.cache: ignored by git and lint, and bare imports still resolve.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import type { ClientKind } from '../clients/protocol.js';
import type { OursServer } from './config.js';

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(BENCH_DIR, '..', 'node_modules', '.cache', 'dust-mcp-tray-bench');

export interface BuildOutput {
  clients: Record<ClientKind, string>;
  fixture: string;
  /** The hand-written stdio echo child behind raw-stdio. */
  rawChild: string;
  /** dust-mcp-bridge, built by scripts/build-cli.mjs exactly as `npm pack` ships it. */
  bridge: string;
  /** The stdio server ours spawns: `rawChild` or `fixture` (config `oursServer`). */
  oursServer: string;
}

export async function buildClients(oursServer: OursServer = 'minimal'): Promise<BuildOutput> {
  await mkdir(OUT_DIR, { recursive: true });
  const entries = {
    ours: 'clients/ours.ts',
    raw: 'clients/raw.ts',
    'raw-stdio': 'clients/raw-stdio.ts',
    sdk: 'clients/sdk.ts',
    fixture: 'fixtures/bench-server.ts',
    'raw-echo-child': 'fixtures/raw-echo-child.ts',
  };
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, path]) => [name, join(BENCH_DIR, path)]),
    ),
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  // CommonJS, preloaded with --require: with --import, Node would load the bridge itself through
  // the ESM loader (which parses the whole bundle again for its exports), not as it ships.
  await build({
    entryPoints: [join(BENCH_DIR, 'clients/bridge-stats-agent.ts')],
    outfile: join(OUT_DIR, 'bridge-stats-agent.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const bridge = join(OUT_DIR, 'dust-mcp-bridge.cjs');
  execFileSync(
    process.execPath,
    [join(BENCH_DIR, '..', 'scripts', 'build-cli.mjs'), '--outfile', bridge],
    { cwd: join(BENCH_DIR, '..'), stdio: 'inherit' },
  );
  const out = (name: string) => join(OUT_DIR, `${name}.mjs`);
  return {
    clients: { ours: out('ours'), raw: out('raw'), 'raw-stdio': out('raw-stdio'), sdk: out('sdk') },
    fixture: out('fixture'),
    rawChild: out('raw-echo-child'),
    bridge,
    oursServer: oursServer === 'sdk' ? out('fixture') : out('raw-echo-child'),
  };
}
