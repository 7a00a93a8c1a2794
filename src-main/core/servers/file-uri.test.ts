import { describe, expect, it } from 'vitest';

import { folderName, folderToFileUri } from './file-uri.js';

describe('folderToFileUri', () => {
  it('turns POSIX, Windows and UNC folders into file:// URIs', () => {
    expect(folderToFileUri('/home/ada/My Docs')).toBe('file:///home/ada/My%20Docs');
    expect(folderToFileUri('/tmp/a#b?c%d')).toBe('file:///tmp/a%23b%3Fc%25d');
    expect(folderToFileUri('C:\\Users\\ada\\été')).toBe('file:///C:/Users/ada/%C3%A9t%C3%A9');
    expect(folderToFileUri('\\\\server\\share\\x')).toBe('file://server/share/x');
  });

  it('names a root after its last folder', () => {
    expect(folderName('/home/ada/shop/')).toBe('shop');
    expect(folderName('C:\\Users\\ada')).toBe('ada');
  });
});
