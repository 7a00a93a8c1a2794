import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * In `harness` mode the renderer is built for the e2e harness: the same app, plus a first script
 * that installs `window.api` over the harness's loopback WebSocket (e2e/harness/ws-bridge.ts).
 * The shipped build never contains it.
 */
function harnessBridge(): Plugin {
  return {
    name: 'dust-mcp-tray:harness-bridge',
    transformIndexHtml: {
      // 'pre', so the entry is bundled like main.tsx rather than added after bundling.
      order: 'pre',
      handler: (html) =>
        html.replace(
          '<script type="module" src="./main.tsx"></script>',
          '<script type="module" src="../e2e/harness/ws-bridge-entry.ts"></script>\n    <script type="module" src="./main.tsx"></script>',
        ),
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: `${here}src-renderer`,
  base: './',
  plugins: [react(), ...(mode === 'harness' ? [harnessBridge()] : [])],
  build: {
    outDir: `${here}out/${mode === 'harness' ? 'renderer-harness' : 'renderer'}`,
    emptyOutDir: true,
    sourcemap: true,
    // No inline scripts or styles: the CSP allows 'self' only.
    assetsInlineLimit: 0,
  },
  server: { fs: { allow: [here] } },
}));
