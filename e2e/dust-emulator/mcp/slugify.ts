/**
 * Dust's `slugify` (`front/types/shared/utils/string_utils.ts`), used for server ids and tool
 * name prefixes: NFKD + diacritics removed, `aB` → `a_b`, lowercase, trim, whitespace and
 * non-word characters → `_`, repeated `_` collapsed. `"my sidekick"` → `my_sidekick`.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '_')
    .replace(/\W+/g, '_')
    .replace(/__+/g, '_');
}
