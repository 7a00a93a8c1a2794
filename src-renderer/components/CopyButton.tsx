import { useState } from 'react';

/**
 * Copies a value and says so; when the clipboard is refused (no permission, no focus) it says
 * that too, and the value stays selectable on the page.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setStatus('copied'),
      () => setStatus('failed'),
    );
  };
  return (
    <span className="copy">
      <button type="button" className="button small" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span role="status" className="copy-status">
        {status === 'copied'
          ? 'Copied'
          : status === 'failed'
            ? 'Could not copy; select the text instead'
            : ''}
      </span>
    </span>
  );
}
