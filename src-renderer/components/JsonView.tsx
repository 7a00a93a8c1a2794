import type { ReactNode } from 'react';

import { isLongText, LongText } from './LongText';
import { revealInvisible } from './reveal-invisible';

/**
 * Past this depth or size the rest is summarised: a hostile tool argument cannot freeze the window.
 */
const MAX_DEPTH = 8;
const MAX_ITEMS = 200;

/**
 * JSON as highlighted text, built from React text nodes and spans.
 *
 * Never `innerHTML`: arguments come from an agent and a local server, so anything in them is shown
 * as characters, never parsed as markup.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" aria-label={label} tabIndex={0}>
      {render(value, 0)}
    </pre>
  );
}

function render(value: unknown, depth: number): ReactNode {
  if (value === null || value === undefined) return <span className="json-null">null</span>;
  if (typeof value === 'string') {
    // A file's content or a script reads as text, with its line breaks, not as one escaped line.
    if (isLongText(value)) return <LongText text={value} label="" />;
    return <span className="json-string">{revealInvisible(JSON.stringify(value))}</span>;
  }
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  if (typeof value !== 'object') return <span className="json-null">{typeof value}</span>;
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (depth >= MAX_DEPTH)
    return <span className="json-more">{Array.isArray(value) ? '[…]' : '{…}'}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const shown = value.slice(0, MAX_ITEMS);
    return (
      <>
        {'[\n'}
        {shown.map((item, index) => (
          <span key={index}>
            {pad}
            {render(item, depth + 1)}
            {index < shown.length - 1 || value.length > MAX_ITEMS ? ',\n' : '\n'}
          </span>
        ))}
        {value.length > MAX_ITEMS && (
          <span className="json-more">{`${pad}… ${value.length - MAX_ITEMS} more\n`}</span>
        )}
        {`${end}]`}
      </>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const shown = entries.slice(0, MAX_ITEMS);
  return (
    <>
      {'{\n'}
      {shown.map(([key, item], index) => (
        <span key={key}>
          {pad}
          <span className="json-key">{revealInvisible(JSON.stringify(key))}</span>
          {': '}
          {render(item, depth + 1)}
          {index < shown.length - 1 || entries.length > MAX_ITEMS ? ',\n' : '\n'}
        </span>
      ))}
      {entries.length > MAX_ITEMS && (
        <span className="json-more">{`${pad}… ${entries.length - MAX_ITEMS} more\n`}</span>
      )}
      {`${end}}`}
    </>
  );
}
