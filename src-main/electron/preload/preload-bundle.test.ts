import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The preload runs sandboxed in every window, bundled into one file: it must stay a thin
 * bridge, with no zod or contract schemas pulled in through an innocent-looking value import.
 */
describe('preload bundle', () => {
  it('contains only the bridge, with electron left external', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(inputs.some((file) => file.endsWith('ipc-contract.ts'))).toBe(false);
    expect(result.outputFiles[0]!.text.length).toBeLessThan(10_000);
  });
});
