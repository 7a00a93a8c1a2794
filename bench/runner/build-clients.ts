/**
 * Bundles each client and the fixture server with esbuild, as the app itself ships (one file,
 * dependencies left in node_modules), so startup measures our code and not a TypeScript loader.
 * Output goes under node_modules/.cache: ignored by git and lint, and bare imports still resolve.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import type { ClientKind } from '../clients/protocol.js';

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(BENCH_DIR, '..', 'node_modules', '.cache', 'dust-mcp-tray-bench');

export interface BuildOutput {
  clients: Record<ClientKind, string>;
  fixture: string;
}

export async function buildClients(): Promise<BuildOutput> {
  await mkdir(OUT_DIR, { recursive: true });
  const entries = { ours: 'clients/ours.ts', raw: 'clients/raw.ts', sdk: 'clients/sdk.ts', fixture: 'fixtures/bench-server.ts' };
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(BENCH_DIR, path)])),
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const out = (name: string) => join(OUT_DIR, `${name}.mjs`);
  return { clients: { ours: out('ours'), raw: out('raw'), sdk: out('sdk') }, fixture: out('fixture') };
}
