/**
 * The one redaction point on a local server's way out. Everything the server says (stderr, exit
 * words, handshake, tools with their names and descriptions, answers, notifications) passes here
 * before a state, an event or a caller holds it, and from there reaches Dust, the window, the
 * tray, notifications, logs and headless stdout. Known secrets are masked raw and encoded
 * (base64, hex, URL-encoded: core/secrets/secret-forms.ts).
 */
import { redactDeep } from '../activity/redact.js';
import { createRedactor, type SecretRedactor } from '../secrets/mask.js';
import type { SupervisorInput } from './transition.js';

export class OutputRedaction {
  /** The running spec's secret values; kept after exit, since its last words may hold them. */
  private specSecrets: readonly string[] = [];
  private cached:
    | { known: readonly string[] | undefined; spec: readonly string[]; redactor: SecretRedactor }
    | undefined;

  /** `knownSecrets` is read at each use, so a secret saved later is covered too. */
  constructor(private readonly knownSecrets: (() => readonly string[]) | undefined) {}

  /** The secrets of the spec just spawned (`LocalServerSpec.secrets`). */
  useSpecSecrets(secrets: readonly string[] | undefined): void {
    this.specSecrets = secrets ?? [];
  }

  text(text: string): string {
    return this.redactor().redact(text);
  }

  /**
   * Any JSON-like value with every string redacted: parts with nothing to mask are kept as they
   * are (the value itself when nothing is known or found), so a large answer is not copied.
   */
  value<T>(value: T): T {
    const redactor = this.redactor();
    if (redactor.size === 0) return value;
    return redactDeep(value, (text) => redactor.redact(text), { keepUnchanged: true }) as T;
  }

  /** Supervisor inputs carry the server's words: redacted before any state holds them. */
  input(input: SupervisorInput): SupervisorInput {
    switch (input.type) {
      case 'failed':
      case 'timedOut':
        return { ...input, error: this.text(input.error) };
      case 'ready':
        return { ...input, tools: this.value(input.tools), handshake: this.value(input.handshake) };
      case 'toolsChanged':
        return { ...input, tools: this.value(input.tools) };
      default:
        return input;
    }
  }

  private redactor(): SecretRedactor {
    const known = this.knownSecrets?.();
    if (this.cached && this.cached.known === known && this.cached.spec === this.specSecrets)
      return this.cached.redactor;
    const redactor = createRedactor([...(known ?? []), ...this.specSecrets]);
    this.cached = { known, spec: this.specSecrets, redactor };
    return redactor;
  }
}
