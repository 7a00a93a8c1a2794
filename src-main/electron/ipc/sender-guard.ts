import type { WebContents } from 'electron';

import { isAppPageUrl } from '../../app/app-page.js';

/** The parts of an IPC event the guard looks at (lets tests pass plain objects). */
export interface IpcSenderLike {
  sender: Pick<WebContents, 'id'>;
  senderFrame: { url: string } | null;
}

/**
 * Answers whether an IPC message comes from one of our own windows showing our own page.
 *
 * Electron security checklist item 17 ("validate the sender of all IPC messages"): the
 * webContents id must be one we created, and the frame must be showing the app's page. The
 * broadcaster asks the same question before it sends, so events only reach our own page too.
 */
export class SenderGuard {
  private readonly trustedIds = new Set<number>();

  constructor(private readonly appPageUrl: string) {}

  trust(contents: {
    readonly id: number;
    once(event: 'destroyed', listener: () => void): unknown;
  }): void {
    const { id } = contents;
    this.trustedIds.add(id);
    contents.once('destroyed', () => this.trustedIds.delete(id));
  }

  isTrusted(event: IpcSenderLike): boolean {
    const url = event.senderFrame?.url;
    return (
      this.trustedIds.has(event.sender.id) &&
      url !== undefined &&
      isAppPageUrl(url, this.appPageUrl)
    );
  }

  /** For sends from main: the window is ours and still shows the app page. */
  isTrustedContents(contents: { id: number; getURL(): string }): boolean {
    return this.trustedIds.has(contents.id) && isAppPageUrl(contents.getURL(), this.appPageUrl);
  }
}
