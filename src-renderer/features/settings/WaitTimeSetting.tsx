import { useId, useState } from 'react';

import type { SettingsViewDto } from '../../../src-main/shared/contract/settings';
import { useAppStore } from '../../state/store-context';

type Limits = SettingsViewDto['waitLimits'];

/** The seconds typed, or the problem in words (checked as typed; main checks again). */
function checkSeconds(
  text: string,
  limits: Limits,
): { ok: true; seconds: number } | { ok: false; message: string } {
  const seconds = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(seconds))
    return { ok: false, message: 'Enter a whole number of seconds.' };
  if (seconds < limits.min)
    return {
      ok: false,
      message: `At least ${limits.min} s, so there is time to read the request.`,
    };
  if (seconds > limits.max)
    return {
      ok: false,
      message: `At most ${limits.max} s, so Dust hears the answer before its own ${limits.dustSeconds} s run out.`,
    };
  return { ok: true, seconds };
}

/** How long a call waits for the person, and so how long before Dust's deadline the app answers. */
export function WaitTimeSetting({ seconds, limits }: { seconds: number; limits: Limits }) {
  const id = useId();
  const change = useAppStore((state) => state.changeSetting);
  const saving = useAppStore((state) => state.settingsSaving === 'waitSeconds');
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(seconds);
  const check = checkSeconds(shown, limits);
  const lead = limits.dustSeconds - (check.ok ? check.seconds : seconds);
  return (
    <form
      className="field"
      onSubmit={(event) => {
        event.preventDefault();
        if (check.ok)
          void change({ kind: 'waitSeconds', seconds: check.seconds }).then(
            (saved) => saved && setText(null),
          );
      }}
    >
      <label htmlFor={id}>Time to answer a request (seconds)</label>
      <span className="row">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={limits.min}
          max={limits.max}
          value={shown}
          disabled={saving}
          aria-invalid={check.ok ? undefined : true}
          aria-describedby={`${id}-help`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text !== null) {
              event.stopPropagation();
              setText(null);
            }
          }}
        />
        <button
          type="submit"
          className="button small"
          aria-label="Save the time to answer"
          disabled={saving || !check.ok || text === null || check.seconds === seconds}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </span>
      {!check.ok && (
        <span className="error-text" role="alert">
          {check.message}
        </span>
      )}
      <span id={`${id}-help`} className="muted small">
        Dust gives a tool call {limits.dustSeconds} s. When nobody answers in time, the call is
        denied {lead} s before Dust’s deadline, and the agent is told nobody answered. Applies to
        the next request.
      </span>
    </form>
  );
}
