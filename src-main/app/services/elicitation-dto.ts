import { redact, redactText } from '../../core/activity/redact.js';
import type { PendingElicitation } from '../../core/elicitation/elicitation-service.js';
import type { FormFieldDto, PendingElicitationDto } from '../../shared/contract/elicitations.js';

/**
 * A pending form for the window. The server's own words (message, titles, descriptions,
 * defaults) pass the one redaction point: a server may put a secret it was given into them.
 */
export function elicitationDto(
  form: PendingElicitation,
  knownSecrets: Iterable<string> = [],
): PendingElicitationDto {
  const secrets = [...knownSecrets];
  return {
    id: form.id,
    nonce: form.nonce,
    server: form.server,
    ...(form.tool ? { tool: form.tool } : {}),
    message: redactText(form.message, secrets),
    fields: form.fields.map((field) => redact(field, secrets) as FormFieldDto),
    receivedAt: form.receivedAt,
    deadlineAt: form.deadlineAt,
  };
}
