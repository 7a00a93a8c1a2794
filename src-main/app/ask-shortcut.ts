import { Emitter } from '../core/emitter.js';
import { Disposable } from '../core/lifecycle.js';
import { checkAccelerator } from '../core/settings/accelerator.js';
import type { SettingsStore } from '../core/settings/settings-store.js';
import type { ShortcutDto } from '../shared/contract/chat.js';

/** What the shell offers (Electron's `globalShortcut`); absent in headless mode and the harness. */
export interface GlobalShortcuts {
  /** False when the OS or another app holds the shortcut. */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
}

/**
 * Keeps the "Ask an agent" global shortcut registered as settings say, and knows whether it
 * worked: `globalShortcut.register` fails silently (a `false`) when another app holds the keys,
 * and a person who pressed them and saw nothing deserves to read why in the window.
 */
export class AskShortcut extends Disposable {
  private registered: string | undefined;
  private current: ShortcutDto;
  private readonly _onDidPress = this._register(new Emitter<void>());
  /** The shortcut was pressed: show the window on the composer. */
  readonly onDidPress = this._onDidPress.event;

  constructor(
    private readonly settings: SettingsStore,
    private readonly shortcuts: GlobalShortcuts | undefined,
  ) {
    super();
    this.current = this.bind(settings.settings.ui.askShortcut);
    this._register(
      settings.onDidChange((next) => {
        if (next.ui.askShortcut !== this.current.accelerator)
          this.current = this.bind(next.ui.askShortcut);
      }),
    );
  }

  get state(): ShortcutDto {
    return this.current;
  }

  /** Saves a new shortcut (or none); throws with the reason when the text is not one. */
  async set(accelerator: string | null): Promise<ShortcutDto> {
    let next: string | null = null;
    if (accelerator !== null && accelerator.trim() !== '') {
      const check = checkAccelerator(accelerator);
      if (!check.ok) throw new Error(check.message);
      next = check.accelerator;
    }
    await this.settings.update((settings) => ({
      ...settings,
      ui: { ...settings.ui, askShortcut: next },
    }));
    return this.current;
  }

  override dispose(): void {
    this.release();
    super.dispose();
  }

  private bind(accelerator: string | null): ShortcutDto {
    this.release();
    if (accelerator === null) return { accelerator, status: 'off' };
    if (!this.shortcuts)
      return {
        accelerator,
        status: 'unavailable',
        message: 'Global shortcuts work in the desktop app only.',
      };
    let ok = false;
    try {
      ok = this.shortcuts.register(accelerator, () => this._onDidPress.fire());
    } catch {
      ok = false;
    }
    if (!ok) {
      return {
        accelerator,
        status: 'failed',
        message: `${accelerator} is taken by the system or another app. Pick another shortcut.`,
      };
    }
    this.registered = accelerator;
    return { accelerator, status: 'registered' };
  }

  private release(): void {
    if (this.registered === undefined) return;
    this.shortcuts?.unregister(this.registered);
    this.registered = undefined;
  }
}
