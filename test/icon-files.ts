/**
 * Readers for the headers of the icon formats we ship, so tests can check what a file really is
 * (a renamed PNG passes a name check but breaks the Windows installer or the macOS bundle).
 */

export interface IconSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function readPngSize(bytes: Buffer): IconSize {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * The images listed in an ICO directory (ICONDIR + ICONDIRENTRY). A size byte of 0 means 256;
 * each image's own header (PNG or BMP) must agree with its directory entry.
 */
export function readIcoSizes(bytes: Buffer): IconSize[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = bytes.readUInt16LE(4);
  const sizes: IconSize[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16;
    const width = bytes.readUInt8(entry) || 256;
    const height = bytes.readUInt8(entry + 1) || 256;
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    if (offset + length > bytes.length) throw new Error(`ICO image ${i} runs past the end`);
    const image = bytes.subarray(offset, offset + length);
    const inner = image.subarray(0, 8).equals(PNG_SIGNATURE)
      ? readPngSize(image)
      : // BITMAPINFOHEADER: the height counts the XOR and AND masks, so it is doubled.
        { width: image.readInt32LE(4), height: image.readInt32LE(8) / 2 };
    if (inner.width !== width || inner.height !== height)
      throw new Error(`ICO image ${i} disagrees with its entry`);
    sizes.push({ width, height });
  }
  return sizes;
}

/**
 * The elements of an ICNS file: 4-character type → the PNG size inside it, or 'ARGB' for the
 * RLE-packed ARGB data iconutil itself writes for the 16 and 32 px types (ic04, ic05).
 */
export function readIcnsElements(bytes: Buffer): Map<string, IconSize | 'ARGB' | null> {
  if (bytes.toString('latin1', 0, 4) !== 'icns' || bytes.readUInt32BE(4) !== bytes.length) {
    throw new Error('not an ICNS (magic or length)');
  }
  const elements = new Map<string, IconSize | 'ARGB' | null>();
  let offset = 8;
  while (offset < bytes.length) {
    const type = bytes.toString('latin1', offset, offset + 4);
    const length = bytes.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > bytes.length)
      throw new Error(`ICNS element ${type} has a bad length`);
    const data = bytes.subarray(offset + 8, offset + length);
    const kind = data.subarray(0, 8).equals(PNG_SIGNATURE)
      ? readPngSize(data)
      : data.toString('latin1', 0, 4) === 'ARGB'
        ? 'ARGB'
        : null;
    elements.set(type, kind);
    offset += length;
  }
  return elements;
}
