import { useId } from 'react';

import type { ArgumentsCheck } from '../../components/schema-check';

interface Props {
  text: string;
  /** The live check of `text` against JSON and the tool's schema. */
  check: ArgumentsCheck;
  /** The tool published an input schema, so the check covers it. */
  hasSchema: boolean;
  disabled: boolean;
  onChange: (text: string) => void;
  onCancel: () => void;
}

/**
 * The call's arguments as editable JSON, checked as typed; the tool runs with what is here when
 * approved.
 */
export function ArgumentsEditor({ text, check, hasSchema, disabled, onChange, onCancel }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>
        Arguments to run with (JSON{hasSchema ? ', checked against the tool’s schema' : ''})
      </label>
      <textarea
        id={id}
        className="mono"
        rows={Math.min(16, text.split('\n').length + 1)}
        value={text}
        disabled={disabled}
        spellCheck={false}
        aria-invalid={check.ok ? undefined : true}
        aria-describedby={check.ok ? undefined : errorId}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          onCancel();
        }}
      />
      {!check.ok && (
        <p id={errorId} className="error-text" role="alert">
          {check.message}
        </p>
      )}
    </div>
  );
}
