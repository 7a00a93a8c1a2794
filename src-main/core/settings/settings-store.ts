/**
 * Loads, validates and saves `settings.json` through the `Files` port.
 *
 * ```
 *            load(): file missing            load(): valid
 *   ┌──────┐ ─────────────────▶ ┌─────────┐  ┌────────┐
 *   │ idle │ ─────────────────────────────▶ │ loaded │ ◀── save() ok (from any state but blocked)
 *   └──────┘ ──┐                            └────────┘
 *              │ load(): bad JSON / schema / version
 *              ▼
 *   rename to settings.corrupt-<time>.json ── ok ──▶ recovered{problem, backupPath} (runs on defaults)
 *              └──────────────────────────── fails ─▶ blocked{problem} (defaults; saves refused)
 *   load(): the file cannot be read at all ──────────────▶ blocked{problem}
 * ```
 *
 * A corrupt file is never silently overwritten (`issues show 3`, Settings): it is moved aside
 * first, and if that fails every save is refused, so the user's text survives until they fix it.
 */
import { Emitter, type Event } from '../emitter.js';
import { errorMessage } from '../error-message.js';
import { Disposable } from '../lifecycle.js';
import type { Clock, Files } from '../ports.js';
import { parseSettingsText, parseSettingsValue } from './parse-settings.js';
import { defaultSettings, type Settings } from './schema.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export type SettingsLoadState =
  | { kind: 'idle' }
  | { kind: 'missing' }
  | { kind: 'loaded' }
  | { kind: 'recovered'; problem: string; details: readonly string[]; backupPath: string }
  | { kind: 'blocked'; problem: string; details: readonly string[]; reason: string };

/** Thrown by `save`/`update` for invalid settings or a blocked store; the message is for people. */
export class SettingsError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

export class SettingsStore extends Disposable {
  private current: Settings = defaultSettings();
  private state: SettingsLoadState = { kind: 'idle' };
  private queue: Promise<unknown> = Promise.resolve();
  private readonly path: string;

  private readonly _onDidChange = this._register(new Emitter<Settings>());
  /** Fires after a load or save changes what the app runs on. */
  readonly onDidChange: Event<Settings> = this._onDidChange.event;

  private readonly _onDidChangeLoadState = this._register(new Emitter<SettingsLoadState>());
  /** Fires when the file turns out missing, corrupt (with the backup path) or loads fine. */
  readonly onDidChangeLoadState: Event<SettingsLoadState> = this._onDidChangeLoadState.event;

  constructor(
    private readonly files: Files,
    private readonly clock: Clock,
    private readonly directory: string,
  ) {
    super();
    this.path = files.join(directory, SETTINGS_FILE_NAME);
  }

  get settings(): Settings {
    return this.current;
  }

  get loadState(): SettingsLoadState {
    return this.state;
  }

  get filePath(): string {
    return this.path;
  }

  /** Reads the file; never throws for a bad file (it is moved aside and reported instead). */
  load(): Promise<Settings> {
    return this.enqueue(async () => {
      let text: string | null;
      try {
        text = await this.files.readText(this.path);
      } catch (error) {
        // Unreadable (permissions, a directory in its place): we cannot tell what is in it, so we
        // must not replace it either.
        const reason = errorMessage(error);
        this.apply(defaultSettings(), {
          kind: 'blocked',
          problem: `The settings file could not be read (${reason}).`,
          details: [],
          reason,
        });
        return this.current;
      }
      if (text === null) {
        this.apply(defaultSettings(), { kind: 'missing' });
        return this.current;
      }
      const parsed = parseSettingsText(text);
      if (parsed.ok) {
        this.apply(parsed.settings, { kind: 'loaded' });
        return this.current;
      }
      await this.moveAside(parsed.problem, parsed.details);
      return this.current;
    });
  }

  /**
   * Validates and writes `next` atomically; rejects with a `SettingsError` and writes nothing if
   * invalid.
   */
  save(next: Settings): Promise<Settings> {
    return this.enqueue(() => this.write(next));
  }

  /** Applies `change` to the latest settings (after queued saves) and saves the result. */
  update(change: (current: Settings) => Settings): Promise<Settings> {
    return this.enqueue(() => this.write(change(this.current)));
  }

  private async write(next: Settings): Promise<Settings> {
    if (this.state.kind === 'blocked') {
      throw new SettingsError(
        `Settings were not saved: ${this.path} could not be read or moved aside (${this.state.reason}). Fix or remove it, then try again.`,
      );
    }
    const parsed = parseSettingsValue(next);
    if (!parsed.ok)
      throw new SettingsError(`Settings were not saved. ${parsed.problem}`, parsed.details);
    await this.files.writeTextAtomic(this.path, `${JSON.stringify(parsed.settings, null, 2)}\n`);
    const state: SettingsLoadState =
      this.state.kind === 'recovered' ? this.state : { kind: 'loaded' };
    this.apply(parsed.settings, state);
    return this.current;
  }

  private async moveAside(problem: string, details: readonly string[]): Promise<void> {
    const stamp = new Date(this.clock.now()).toISOString().replace(/[:.]/g, '-');
    let backupPath = this.files.join(this.directory, `settings.corrupt-${stamp}.json`);
    for (let n = 2; (await this.files.readText(backupPath)) !== null; n++) {
      backupPath = this.files.join(this.directory, `settings.corrupt-${stamp}-${n}.json`);
    }
    try {
      await this.files.rename(this.path, backupPath);
    } catch (error) {
      const reason = errorMessage(error);
      this.apply(defaultSettings(), { kind: 'blocked', problem, details, reason });
      return;
    }
    this.apply(defaultSettings(), { kind: 'recovered', problem, details, backupPath });
  }

  private apply(settings: Settings, state: SettingsLoadState): void {
    const stateChanged = state !== this.state;
    this.current = settings;
    this.state = state;
    if (stateChanged) this._onDidChangeLoadState.fire(state);
    this._onDidChange.fire(settings);
  }

  /** Serialises loads and saves so two quick updates never interleave their writes. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
