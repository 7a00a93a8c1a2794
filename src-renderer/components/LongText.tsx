import { useMemo, useState } from 'react';

import { revealInvisible } from './reveal-invisible';
import { formatSize, plural, utf8Length } from './words';

/** Folded, a long text shows this much; unfolded, all of it up to HARD_LIMIT characters. */
const FOLDED_LINES = 8;
const FOLDED_CHARS = 600;
/** Past this a hostile argument could freeze the window; what is left out is said in words. */
const HARD_LIMIT = 200_000;

/** Texts worth their own block: several lines, or too long for one. */
export function isLongText(text: string): boolean {
  return text.includes('\n') || text.length > 160;
}

/**
 * A long string argument (a file's content, a script): its size and line count, the real line
 * breaks, and a button to see all of it. Nothing is left out without saying how much.
 */
export function LongText({ text, label }: { text: string; label: string }) {
  const [expanded, setExpanded] = useState(false);
  // Measured once per text: the card re-renders every half second for its countdown.
  const facts = useMemo(() => {
    const lines = text.split('\n');
    return {
      lineCount: lines.length,
      size: utf8Length(text),
      foldedLimit: Math.min(FOLDED_CHARS, lines.slice(0, FOLDED_LINES).join('\n').length),
    };
  }, [text]);
  const { lineCount, size, foldedLimit } = facts;
  const shown = text.slice(0, expanded ? HARD_LIMIT : foldedLimit);
  const hidden = text.length - shown.length;
  const hiddenLines = hidden > 0 ? lineCount - shown.split('\n').length : 0;
  const foldable = text.length > foldedLimit;
  return (
    <span className="long-text" data-testid="long-text">
      <span className="long-text-meta muted small">
        {label ? `${label}: ` : ''}text, {formatSize(size)}, {plural(lineCount, 'line')}
        {foldable ? ' · ' : ''}
        {foldable && (
          <button
            type="button"
            className="button link small"
            aria-expanded={expanded}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Show less' : `Show all ${plural(lineCount, 'line')}`}
          </button>
        )}
      </span>
      <span className="long-text-body json-string">{revealInvisible(shown)}</span>
      {hidden > 0 && (
        <span className="long-text-more json-more">
          {expanded
            ? `… ${hidden.toLocaleString()} more characters not shown (too long to display)`
            : `… ${hiddenLines > 0 ? `${plural(hiddenLines, 'more line')}, ` : ''}${plural(hidden, 'more character')} not shown`}
        </span>
      )}
    </span>
  );
}
