import { useId } from 'react';

interface Props {
  text: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (text: string) => void;
}

/** The call's arguments as editable JSON; the tool runs with what is here when approved. */
export function ArgumentsEditor({ text, error, disabled, onChange }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Arguments to run with (JSON)</label>
      <textarea
        id={id}
        className="mono"
        rows={Math.min(12, text.split('\n').length + 1)}
        value={text}
        disabled={disabled}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The edited text as an arguments object, or the problem in words. */
export function parseEditedArguments(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `These arguments are not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The arguments must be a JSON object, like {"path": "…"}.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
