import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Keeps only links that leave for a web page or a mail client. Anything else (`javascript:`,
 * `data:`, `file:`, a relative path that would resolve against the app page) becomes '', and the
 * components below then render plain text. Main checks https links again against its allowlist.
 */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  return /^(https:\/\/|mailto:)/i.test(trimmed) ? trimmed : '';
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      // A new window is refused by the shell, which opens allowlisted https links in the browser.
      // The title shows where a link really goes: its text may say something else.
      <a href={href} title={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <span className="md-dead-link">{children}</span>
    ),
  // The CSP loads no remote picture, and a tracking pixel must not fire: say what it was instead.
  img: ({ src, alt }) => {
    const label: ReactNode = `[image${alt ? `: ${alt}` : ''}]`;
    return typeof src === 'string' && src ? (
      <a className="md-image" href={src} target="_blank" rel="noreferrer noopener">
        {label}
      </a>
    ) : (
      <span className="md-image">{label}</span>
    );
  },
};

/**
 * The agent's text as markdown, built as React elements: raw HTML in the text is dropped
 * (`skipHtml`, no rehype-raw), so nothing the agent writes becomes markup or script.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        urlTransform={safeUrl}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
