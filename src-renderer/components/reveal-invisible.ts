/**
 * Characters that change how text reads without being seen: bidi embeddings, overrides and
 * isolates (U+202A–202E, U+2066–2069), marks (U+200E/F, U+061C) and zero-width ones. A hostile
 * tool could name itself `invoice‮fdp.exe` to show as `invoiceexe.pdf`; we show ⟨U+202E⟩ instead.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/g;

export function revealInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}
