import type { WebContents } from 'electron';

/** The parts of an IPC event the guard looks at (lets tests pass plain objects). */
export interface IpcSenderLike {
  sender: Pick<WebContents, 'id'>;
  senderFrame: { url: string } | null;
}

/**
 * Answers whether an IPC message comes from one of our own windows showing our own page.
 *
 * Electron security checklist item 17 ("validate the sender of all IPC messages"): the
 * webContents id must be one we created, and the frame must be showing the app's page.
 */
export class SenderGuard {
  private readonly trustedIds = new Set<number>();

  constructor(private readonly appPageUrl: string) {}

  trust(contents: Pick<WebContents, 'id' | 'once'>): void {
    const { id } = contents;
    this.trustedIds.add(id);
    contents.once('destroyed', () => this.trustedIds.delete(id));
  }

  isTrusted(event: IpcSenderLike): boolean {
    if (!this.trustedIds.has(event.sender.id)) return false;
    const url = event.senderFrame?.url;
    return url !== undefined && stripHash(url) === stripHash(this.appPageUrl);
  }
}

function stripHash(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
