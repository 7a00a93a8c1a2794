import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { citations, explicitAnchors, outsideReferences } from './repo-references.js';

/**
 * Someone who clones the repository alone must be able to follow every reference: no file
 * outside it (the old `../shared` notes), no bare section numbers, no issue letters, and every
 * `docs/protocol/<file>.md#<anchor>` / `ARCHITECTURE.md#<anchor>` cited must exist.
 */
const BINARY = /\.(png|ico|icns|jpe?g|gif|webp|woff2?|ttf|zip|gz|tgz)$/i;

function trackedTextFiles(): { path: string; text: string }[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0');
  return paths
    .filter((path) => path !== '' && !BINARY.test(path) && existsSync(path))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
    .filter(({ text }) => !text.includes('\0'));
}

const S = '\u00a7';
// Samples are assembled from pieces so this file does not flag itself once it is tracked.
const SHARED = '../' + 'shared/';
const dash = (...parts: string[]): string => parts.join('-');
const ISSUE = 'issue';
const E = 'E';

describe('the scanner (on samples)', () => {
  it.each([
    [`see ${SHARED}${dash('dust', 'protocol')}.md ${S}1.3`],
    [`(${dash('dust', 'conversations', 'auth')}.md, the device flow)`],
    [`${dash('product', 'research')}.md says so`],
    [`the layers (architecture ${S}4.1)`],
    [`the layers (architecture.md ${S}4.1)`],
    [`Dust waits 3 min (${S}3.4)`],
    [`decision ${S}6(a)`],
    [`Fuzz (${ISSUE} H): whatever arrives`],
    [`${ISSUE.replace('i', 'I')} 14, floods: a burst`],
    [`${E}1's fake client`],
    [`the conversation API (${E}2)`],
  ])('flags %s', (line) => {
    expect(outsideReferences(`ok\n${line}\n`)).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it.each([
    [`Retry-After (RFC 9110 ${S}10.2.3)`],
    [`slow_down (RFC 8628 ${S}3.5)`],
    ['docs/protocol/client-side-mcp.md#timeouts'],
    ['ARCHITECTURE.md#layers'],
    ['docs/reliability.md § Threat model'],
    ['the zod issue message; issues.map((issue) => issue.path)'],
    ['mcp-35 fault scenarios; chat-13…chat-16'],
  ])('lets %s pass', (line) => {
    expect(outsideReferences(line)).toEqual([]);
  });

  it('reads every anchor of a citation, also across a wrapped comment line', () => {
    const text = [
      '/**',
      ' * Shapes (docs/protocol/conversations.md#create-conversation, #post-message,',
      ' * #message-events; docs/protocol/emulator.md#chat-12 … #chat-16 and ARCHITECTURE.md#layers).',
      ' */',
    ].join('\n');
    expect(citations(text).map(({ file, anchor }) => `${file}#${anchor}`)).toEqual([
      'docs/protocol/conversations.md#create-conversation',
      'docs/protocol/conversations.md#post-message',
      'docs/protocol/conversations.md#message-events',
      'docs/protocol/emulator.md#chat-12',
      'docs/protocol/emulator.md#chat-16',
      'ARCHITECTURE.md#layers',
    ]);
  });

  it('knows the explicit anchors of a page', () => {
    expect([...explicitAnchors('## A <a id="one"></a>\n<a id="two"></a> text')]).toEqual([
      'one',
      'two',
    ]);
  });
});

describe('references in the tracked files', () => {
  const files = trackedTextFiles();

  it('finds the tracked files', () => {
    expect(files.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['package.json', 'ARCHITECTURE.md']),
    );
  });

  it('point at nothing outside the repository, at no bare section and at no issue letter', () => {
    const found = files.flatMap(({ path, text }) =>
      outsideReferences(text).map(({ line, text: match }) => `${path}:${line}: ${match}`),
    );
    expect(found).toEqual([]);
  });

  it('cite only anchors that exist', () => {
    const anchorsOf = new Map<string, Set<string>>();
    const missing: string[] = [];
    let cited = 0;
    for (const { path, text } of files) {
      for (const { file, anchor, line } of citations(text)) {
        cited += 1;
        if (!anchorsOf.has(file)) {
          anchorsOf.set(
            file,
            existsSync(file) ? explicitAnchors(readFileSync(file, 'utf8')) : new Set(),
          );
        }
        if (!anchorsOf.get(file)?.has(anchor)) missing.push(`${path}:${line}: ${file}#${anchor}`);
      }
    }
    expect(missing).toEqual([]);
    expect(cited).toBeGreaterThan(100);
  });
});
