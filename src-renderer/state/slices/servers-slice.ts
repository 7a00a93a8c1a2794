import type {
  ExportOutput,
  ImportApplyInput,
  ImportApplyOutput,
  ImportLocationDto,
  ImportPreviewInput,
  ImportPreviewOutput,
} from '../../../src-main/shared/contract/imports';
import type {
  ServerFormDto,
  ServerFormInput,
  ServerStatusDto,
  TestServerInput,
  TestServerOutput,
} from '../../../src-main/shared/contract/servers';
import { errorWords, type Loadable, loading } from '../errors';
import type { SliceContext } from './types';

export interface ServersSlice {
  servers: Loadable<ServerStatusDto[]>;
  /** Per server: an action in flight, or the words of the last one that failed. */
  serverBusy: Record<string, true>;
  serverErrors: Record<string, string>;
  setServerEnabled: (name: string, enabled: boolean) => Promise<void>;
  restartServer: (name: string) => Promise<void>;
  /** One tool's switch: off hides it from Dust's agents and refuses calls to it. */
  setToolEnabled: (name: string, tool: string, enabled: boolean) => Promise<void>;
  /**
   * The form's bridge calls answer a value or the failure in words; the form keeps its own state.
   */
  loadServerForm: (name: string) => Promise<Result<ServerFormDto>>;
  /** `warning`: main saved nothing and says why (the command cannot be found). */
  saveServer: (input: ServerFormInput) => Promise<Result<{ name: string; warning?: string }>>;
  testServer: (input: TestServerInput) => Promise<Result<TestServerOutput>>;
  removeServer: (name: string) => Promise<void>;
  importLocations: () => Promise<Result<ImportLocationDto[]>>;
  previewImport: (input: ImportPreviewInput) => Promise<Result<ImportPreviewOutput>>;
  applyImport: (input: ImportApplyInput) => Promise<Result<ImportApplyOutput>>;
  exportServers: () => Promise<Result<ExportOutput>>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

async function attempt<T>(call: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, message: errorWords(error).message };
  }
}

export function createServersSlice({ set, get, bridge }: SliceContext): ServersSlice {
  async function run(name: string, action: () => Promise<void>) {
    set({
      serverBusy: { ...get().serverBusy, [name]: true },
      serverErrors: without(get().serverErrors, name),
    });
    try {
      await action();
    } catch (error) {
      set({ serverErrors: { ...get().serverErrors, [name]: errorWords(error).message } });
    } finally {
      set({ serverBusy: without(get().serverBusy, name) });
    }
  }
  return {
    servers: loading,
    serverBusy: {},
    serverErrors: {},
    setServerEnabled: (name, enabled) => run(name, () => bridge.servers.setEnabled(name, enabled)),
    restartServer: (name) => run(name, () => bridge.servers.restart(name)),
    setToolEnabled: (name, tool, enabled) =>
      run(name, () => bridge.servers.setToolEnabled(name, tool, enabled)),
    loadServerForm: (name) => attempt(() => bridge.servers.get(name)),
    saveServer: (input) => attempt(() => bridge.servers.save(input)),
    testServer: (input) => attempt(() => bridge.servers.test(input)),
    removeServer: (name) => run(name, () => bridge.servers.remove(name)),
    importLocations: () => attempt(() => bridge.imports.locations()),
    previewImport: (input) => attempt(() => bridge.imports.preview(input)),
    applyImport: (input) => attempt(() => bridge.imports.apply(input)),
    exportServers: () => attempt(() => bridge.imports.exportServers()),
  };
}

export function without<V>(record: Record<string, V>, key: string): Record<string, V> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
