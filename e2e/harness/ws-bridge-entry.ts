import type { WindowApi } from '../../src-main/shared/window-api.js';
import { createWsBridge } from './ws-bridge.js';

// The harness opens the page as http://127.0.0.1:PORT/#token=…; the token never reaches a server
// log.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const url = `ws://${location.host}/ipc?token=${encodeURIComponent(token)}`;
(window as unknown as { api: WindowApi }).api = createWsBridge(url);
