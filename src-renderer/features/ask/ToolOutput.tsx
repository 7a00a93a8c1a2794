import { JsonView } from '../../components/JsonView';
import { isLongText, LongText } from '../../components/LongText';
import { revealInvisible } from '../../components/reveal-invisible';

/**
 * Raster types a browser decodes without running anything (no SVG: it can carry script and links).
 */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type Item = {
  type?: unknown;
  text?: unknown;
  data?: unknown;
  mimeType?: unknown;
  resource?: unknown;
};

/**
 * A tool's result as a person reads it: text as text (line breaks kept), images as pictures made
 * from the data the tool returned (a `data:` URL; nothing is fetched), anything else as JSON.
 */
export function ToolOutput({ output, toolName }: { output: unknown; toolName: string }) {
  const items = Array.isArray(output) ? (output as unknown[]) : [output];
  return (
    <div className="tool-output" aria-label={`Result of ${toolName}`}>
      {items.map((raw, index) => (
        <OutputItem
          key={index}
          item={
            (typeof raw === 'object' && raw !== null ? raw : { type: 'json', data: raw }) as Item
          }
          toolName={toolName}
        />
      ))}
    </div>
  );
}

function OutputItem({ item, toolName }: { item: Item; toolName: string }) {
  if (item.type === 'text' && typeof item.text === 'string') {
    return isLongText(item.text) ? (
      <LongText text={item.text} label="Result" />
    ) : (
      <p className="tool-text">{revealInvisible(item.text)}</p>
    );
  }
  if (
    item.type === 'image' &&
    typeof item.mimeType === 'string' &&
    IMAGE_TYPES.has(item.mimeType) &&
    typeof item.data === 'string' &&
    BASE64.test(item.data)
  ) {
    return (
      <img
        className="tool-image"
        src={`data:${item.mimeType};base64,${item.data}`}
        alt={`Image returned by ${toolName}`}
      />
    );
  }
  if (item.type === 'image')
    return (
      <p className="muted small">
        An image this window does not show (
        {typeof item.mimeType === 'string' ? revealInvisible(item.mimeType) : 'unknown type'}).
      </p>
    );
  return <JsonView value={item} label={`Result of ${toolName}`} />;
}
