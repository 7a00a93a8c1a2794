import type { FormFieldDto } from '../../../src-main/shared/contract/elicitations';
import { revealInvisible } from '../../components/reveal-invisible';

export type FieldValue = string | number | boolean | string[] | undefined;

const inputType = {
  email: 'email',
  uri: 'url',
  date: 'date',
  'date-time': 'datetime-local',
} as const;

/**
 * One field of a server's form, from the MCP-restricted types only (the schema was narrowed in
 * main).
 */
export function ElicitationField({
  field,
  value,
  onChange,
}: {
  field: FormFieldDto;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
}) {
  const label = `${revealInvisible(field.title)}${field.required ? ' (required)' : ''}`;
  const hint = field.description ? (
    <small className="muted">{revealInvisible(field.description)}</small>
  ) : null;
  switch (field.kind) {
    case 'boolean':
      return (
        <label className="radio">
          <input
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          <span>{label}</span> {hint}
        </label>
      );
    case 'number':
      return (
        <label className="field">
          <span>{label}</span>
          <input
            type="number"
            step={field.integer ? 1 : 'any'}
            {...(field.minimum === undefined ? {} : { min: field.minimum })}
            {...(field.maximum === undefined ? {} : { max: field.maximum })}
            value={typeof value === 'number' ? value : ''}
            onChange={(event) =>
              onChange(event.target.value === '' ? undefined : Number(event.target.value))
            }
          />
          {hint}
        </label>
      );
    case 'choice':
      return (
        <label className="field">
          <span>{label}</span>
          <select
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onChange(event.target.value || undefined)}
          >
            {!field.required && <option value="">(none)</option>}
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {revealInvisible(option.label)}
              </option>
            ))}
          </select>
          {hint}
        </label>
      );
    case 'choices': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field">
          <legend>{label}</legend>
          {field.options.map((option) => (
            <label key={option.value} className="radio">
              <input
                type="checkbox"
                checked={chosen.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...chosen, option.value]
                      : chosen.filter((item) => item !== option.value),
                  )
                }
              />
              <span>{revealInvisible(option.label)}</span>
            </label>
          ))}
          {hint}
        </fieldset>
      );
    }
    case 'string':
      return (
        <label className="field">
          <span>{label}</span>
          <input
            type={field.format ? inputType[field.format] : 'text'}
            autoComplete="off"
            {...(field.maxLength === undefined ? {} : { maxLength: field.maxLength })}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) =>
              onChange(event.target.value === '' ? undefined : event.target.value)
            }
          />
          {hint}
        </label>
      );
  }
}

/** Each field's default, as the server suggested it. */
export function initialValues(fields: readonly FormFieldDto[]): Record<string, FieldValue> {
  return Object.fromEntries(fields.map((field) => [field.name, field.default]));
}
