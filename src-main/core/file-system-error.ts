/**
 * A file operation that failed for a reason the person can act on, in words: a full disk, a
 * read-only disk, a permission. Thrown by the `Files` adapter; its message goes as is to the
 * window (the IPC router) and the logs, so it never holds file contents, only a path.
 */
export class FileSystemError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileSystemError';
  }
}

const WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full. Free some space and try again',
  EDQUOT: 'your disk quota is used up. Free some space and try again',
  EROFS: 'the disk is read-only',
  EACCES: 'permission was denied. Check who owns the folder and its permissions',
  EPERM: 'the operation is not permitted. Check who owns the folder and its permissions',
};

/** Words for an errno code we can explain, or undefined for the others. */
export function describeFileSystemCode(code: string | undefined): string | undefined {
  return code === undefined ? undefined : WORDS[code];
}

/** `Could not save /x/settings.json: the disk is full. Free some space and try again. (ENOSPC)` */
export function fileSystemError(
  action: string,
  path: string,
  code: string,
): FileSystemError | undefined {
  const words = describeFileSystemCode(code);
  return words
    ? new FileSystemError(code, path, `Could not ${action} ${path}: ${words}. (${code})`)
    : undefined;
}
