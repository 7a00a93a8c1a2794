import { type FormEvent, useState } from 'react';

import type { RegionDto } from '../../../src-main/shared/contract/auth';
import { useAppStore } from '../../state/store-context';

const regions = [
  { value: 'us', label: 'United States', hint: 'dust.tt' },
  { value: 'eu', label: 'Europe', hint: 'eu.dust.tt' },
  { value: 'custom', label: 'Custom URL', hint: 'A self-hosted or test Dust' },
] as const;

/**
 * Where to sign in. A custom URL is checked by main (https, a real host); its refusal comes back
 * as the form's error in main's own words, so the rule lives in one place.
 */
export function RegionForm({
  region,
  message,
}: {
  region: RegionDto;
  message: string | undefined;
}) {
  const signIn = useAppStore((state) => state.signIn);
  const busy = useAppStore((state) => state.authBusy);
  const [choice, setChoice] = useState<RegionDto['region']>(region.region);
  const [customUrl, setCustomUrl] = useState(region.customUrl ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(
      choice === 'custom' ? { region: 'custom', customUrl: customUrl.trim() } : { region: choice },
    );
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      aria-describedby={message ? 'signin-message' : undefined}
    >
      <p className="muted">
        Sign in once; agents in your workspace can then ask to use the tools on this computer, and
        you approve each call.
      </p>
      {message && (
        <p id="signin-message" className="notice">
          {message}
        </p>
      )}
      <fieldset className="fieldset">
        <legend>Region</legend>
        {regions.map((option) => (
          <label key={option.value} className="radio">
            <input
              type="radio"
              name="region"
              value={option.value}
              checked={choice === option.value}
              onChange={() => setChoice(option.value)}
            />
            <span>
              {option.label} <span className="muted">{option.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {choice === 'custom' && (
        <label className="field">
          <span>Dust URL</span>
          <input
            type="url"
            required
            value={customUrl}
            placeholder="https://dust.example.com"
            onChange={(event) => setCustomUrl(event.target.value)}
          />
        </label>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Starting…' : 'Sign in'}
      </button>
    </form>
  );
}
