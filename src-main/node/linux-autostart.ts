import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes and removes the XDG autostart entry; the text and path come from
 * src-main/app/autostart.ts. Written through a temporary file and a rename, so a crash never
 * leaves a half-written entry that a desktop session would try to run.
 */
export interface LinuxAutostart {
  isEnabled(): Promise<boolean>;
  enable(): Promise<void>;
  disable(): Promise<void>;
}

export function createLinuxAutostart(options: { path: string; text: string }): LinuxAutostart {
  const { path, text } = options;
  return {
    async isEnabled() {
      try {
        // Another copy of the app (or an old path) may have written it: ours only if it matches.
        return (await readFile(path, 'utf8')) === text;
      } catch {
        return false;
      }
    },
    async enable() {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, text);
      // Readable by the session whatever the umask; it holds no secret.
      await chmod(temporary, 0o644);
      await rename(temporary, path);
    },
    async disable() {
      await rm(path, { force: true });
    },
  };
}
