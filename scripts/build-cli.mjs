// Bundles headless mode into one file, `dust-mcp-bridge`, that plain `node` (>= 20) runs.
// Everything is bundled except the keychain addon (a native module, a production dependency),
// which the bridge loads only when there is no DUST_TOKEN. Tests pass --outfile to build a
// private copy, so parallel test files never read a half-written bundle.
import { chmodSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

const CLI_OUTFILE = 'out/cli/dust-mcp-bridge.cjs';

/**
 * Node flags the command runs with (in its shebang; `npm run headless` passes the same). A relay
 * allocates many short-lived objects per call, and V8's default young generation (16 MB
 * semi-spaces) grows to keep ~20 MB more RSS than a 4 MB one; 1 MB ones saved more still but
 * made GC 28 % of the bridge's busy time at 32 calls in flight (docs/benchmarks.md). One V8
 * worker thread instead of four: the bridge's heap is small, and each thread that works for it
 * holds memory of its own: 109 → 103 MB of RSS after 100,000 calls, calls/s the same.
 * `env -S` splits the flags (Linux, macOS; npm's Windows shim too).
 */
const NODE_FLAGS = ['--max-semi-space-size=4', '--v8-pool-size=1'];

/**
 * zod's `z` namespace carries `z.locales`, its error messages in ~40 languages (366 KB, 30 % of
 * the bundle, ~3.5 MB of RSS once loaded); nothing here uses one. English, which zod sets up
 * itself from `locales/en.js`, stays.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

const { values } = parseArgs({
  options: { outfile: { type: 'string', default: CLI_OUTFILE } },
  strict: true,
});
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src-main/headless/main.ts'],
  outfile: values.outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}` },
  external: ['@napi-rs/keyring'],
  define: { __BRIDGE_VERSION__: JSON.stringify(version) },
  plugins: [zodEnglishOnly],
  legalComments: 'none',
  logLevel: 'warning',
});
// Runnable as ./out/cli/dust-mcp-bridge.cjs too (npm sets the mode itself when installing the bin).
chmodSync(values.outfile, 0o755);
