/**
 * The optional reason sent with a denial: the agent reads it as the tool's error result, so it
 * can adapt instead of retrying blindly. One field, the same wherever a call is decided; Enter in
 * it denies (with the reason typed so far).
 */
export function DenyReasonInput({
  value,
  disabled,
  onChange,
  onSubmit,
}: {
  value: string;
  disabled: boolean;
  onChange: (reason: string) => void;
  onSubmit?: () => void;
}) {
  return (
    <input
      type="text"
      className="deny-reason"
      aria-label="Reason for denying (optional, sent to the agent)"
      placeholder="Reason for denying (optional, Enter denies)"
      maxLength={500}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || !onSubmit) return;
        event.preventDefault();
        // The window's j/k/a/d shortcuts must not act on the same key press.
        event.stopPropagation();
        onSubmit();
      }}
    />
  );
}
