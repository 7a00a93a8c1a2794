import { type FormEvent, useId, useState } from 'react';

import type { PendingElicitationDto } from '../../../src-main/shared/contract/elicitations';
import { revealInvisible } from '../../components/reveal-invisible';
import { formatRemaining } from '../../components/use-now';
import type { ElicitationReply } from '../../state/slices/elicitations-slice';
import { ElicitationField, type FieldValue, initialValues } from './ElicitationField';

interface Props {
  form: PendingElicitationDto;
  now: number;
  answering: boolean;
  error: string | undefined;
  onAnswer: (reply: ElicitationReply) => void;
}

/**
 * A local server asking the person for information during a tool call (MCP elicitation, form
 * mode): which server, for which tool, its message, the form, and Accept, Decline or Cancel
 * before the call's own deadline. The values stay in this component until Accept sends them.
 */
export function ElicitationCard({ form, now, answering, error, onAnswer }: Props) {
  const titleId = useId();
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    initialValues(form.fields),
  );
  const left = form.deadlineAt - now;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const content = Object.fromEntries(
      Object.entries(values).filter(
        (entry): entry is [string, Exclude<FieldValue, undefined>] => entry[1] !== undefined,
      ),
    );
    onAnswer({ action: 'accept', content });
  };
  return (
    <form
      className="card request elicitation"
      aria-labelledby={titleId}
      aria-busy={answering}
      data-testid="elicitation-card"
      onSubmit={submit}
    >
      <header className="card-head">
        <h3 id={titleId} className="card-title">
          <span className="mono">{revealInvisible(form.server)}</span>{' '}
          <span className="muted">
            asks you
            {form.tool ? (
              <>
                {' '}
                while running <span className="mono">{revealInvisible(form.tool)}</span>
              </>
            ) : null}
          </span>
        </h3>
        <p className="countdown" role="timer" aria-label={`Answer within ${formatRemaining(left)}`}>
          {formatRemaining(left)}
        </p>
      </header>
      <p className="elicitation-message">{revealInvisible(form.message)}</p>
      <p className="muted small">
        Only the local server gets your answer; it is not sent to the window log or to Dust by the
        app.
      </p>
      {form.fields.map((field) => (
        <ElicitationField
          key={field.name}
          field={field}
          value={values[field.name]}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={answering}>
          Accept
        </button>
        <button
          type="button"
          className="button"
          disabled={answering}
          onClick={() => onAnswer({ action: 'decline' })}
        >
          Decline
        </button>
        <button
          type="button"
          className="button quiet"
          disabled={answering}
          onClick={() => onAnswer({ action: 'cancel' })}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
