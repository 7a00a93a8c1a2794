/**
 * The optional reason sent with a denial: the agent reads it as the tool's error result, so it
 * can adapt instead of retrying blindly. One field, the same wherever a call is decided.
 */
export function DenyReasonInput({ value, disabled, onChange }: { value: string; disabled: boolean; onChange: (reason: string) => void }) {
  return (
    <input
      type="text"
      className="deny-reason"
      aria-label="Reason for denying (optional, sent to the agent)"
      placeholder="Reason for denying (optional)"
      maxLength={500}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
