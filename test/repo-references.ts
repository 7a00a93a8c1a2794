/**
 * Finds references that only make sense to someone with files outside this repository, and
 * cited anchors of the in-repo protocol notes and ARCHITECTURE.md. Pure text functions, so the
 * test can show on samples that each check can fail before running it over the tracked files.
 */

/** A reference that must not appear, with where it is. */
export interface Finding {
  line: number;
  text: string;
}

/** A cited `docs/protocol/<file>.md#<anchor>` or `ARCHITECTURE.md#<anchor>`. */
export interface Citation {
  file: string;
  anchor: string;
  line: number;
}

const SECTION = '\u00a7';

// Built from pieces so this file does not match its own patterns.
const OUTSIDE_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\.\./shared/[\w.-]+\.md`),
  new RegExp(['dust', 'protocol'].join('-') + String.raw`\.md`),
  new RegExp(['dust', 'conversations', 'auth'].join('-') + String.raw`\.md`),
  new RegExp(['product', 'research'].join('-') + String.raw`\.md`),
  new RegExp(String.raw`(?<![A-Z/])` + 'architecture' + String.raw`(\.md)?\s*` + SECTION),
  // A bare section number names a section of some document the reader does not have; only
  // an RFC's sections (RFC 9110 §10.2.3) are public and stay.
  new RegExp(String.raw`(?<!RFC\s?\d+,?\s?)` + SECTION + String.raw`\s?\d`),
  // Issue letters and numbers mean nothing to someone who only has the repository.
  new RegExp(String.raw`\b[Ii]ssues? (?:[A-Z]|\d{1,3})\b(?![-\w])`),
  new RegExp(String.raw`\bE[12]\b(?!')`),
  new RegExp(String.raw`\bE[12]'s\b`),
];

/**
 * Lines of `text` that point at a file outside the repository, a bare section or an issue letter.
 */
export function outsideReferences(text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const pattern of OUTSIDE_PATTERNS) {
      const match = pattern.exec(lineText);
      if (match) {
        findings.push({ line: index + 1, text: match[0] });
        return;
      }
    }
  });
  return findings;
}

const TARGET = String.raw`(docs/protocol/[\w-]+\.md|ARCHITECTURE\.md)`;
const ANCHOR = String.raw`#([\w-]+)`;
// Further anchors of the same page: `#a, #b`, `#a … #b`, `#a and #b`, also across a wrapped
// comment line (` * `).
const MORE = String.raw`(?:[ \t]*(?:,|…|and)[ \t]*(?:\n[ \t]*(?:\*|//)?[ \t]*)?#([\w-]+))`;

/** Every anchor cited after a `docs/protocol/<file>.md` or `ARCHITECTURE.md` path. */
export function citations(text: string): Citation[] {
  const found: Citation[] = [];
  const head = new RegExp(TARGET + ANCHOR, 'g');
  const more = new RegExp('^' + MORE);
  for (let match = head.exec(text); match; match = head.exec(text)) {
    const file = match[1] ?? '';
    const line = text.slice(0, match.index).split('\n').length;
    found.push({ file, anchor: match[2] ?? '', line });
    let rest = text.slice(match.index + match[0].length);
    for (let next = more.exec(rest); next; next = more.exec(rest)) {
      found.push({ file, anchor: next[1] ?? '', line });
      rest = rest.slice(next[0].length);
    }
  }
  return found;
}

/** The explicit `<a id="…">` anchors of a markdown page. */
export function explicitAnchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/<a\s+id="([^"]+)"/g)].map((match) => match[1] ?? ''));
}
