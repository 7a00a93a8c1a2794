import { useState } from 'react';

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
  const lines = text.split('\n');
  const limit = expanded ? HARD_LIMIT : Math.min(FOLDED_CHARS, lines.slice(0, FOLDED_LINES).join('\n').length);
  const shown = text.slice(0, limit);
  const hidden = text.length - shown.length;
  const hiddenLines = hidden > 0 ? lines.length - shown.split('\n').length : 0;
  const foldable = text.length > Math.min(FOLDED_CHARS, lines.slice(0, FOLDED_LINES).join('\n').length);
  return (
    <span className="long-text" data-testid="long-text">
      <span className="long-text-meta muted small">
        {label ? `${label}: ` : ''}text, {formatSize(utf8Length(text))}, {plural(lines.length, 'line')}{foldable ? ' · ' : ''}
        {foldable && (
          <button type="button" className="button link small" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Show less' : `Show all ${plural(lines.length, 'line')}`}
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
