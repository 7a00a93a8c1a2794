import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { eventChannelNames } from './event-names.js';
import { eventChannels, invokeChannels, isEventChannel, isInvokeChannel } from './ipc-contract.js';

/** Every property name anywhere in a schema, through its JSON Schema form. */
function propertyNames(schema: z.ZodType): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record['properties'] === 'object' && record['properties'] !== null) {
      names.push(...Object.keys(record['properties']));
    }
    Object.values(record).forEach(walk);
  };
  walk(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }));
  return names;
}

const allSchemas: Array<[string, z.ZodType]> = [
  ...Object.entries(invokeChannels).flatMap(([channel, spec]): Array<[string, z.ZodType]> => [
    [`${channel} input`, spec.input],
    [`${channel} output`, spec.output],
  ]),
  ...Object.entries(eventChannels).map(([channel, schema]): [string, z.ZodType] => [
    `${channel} event`,
    schema,
  ]),
];

describe('ipc contract', () => {
  it.each(allSchemas)('%s carries no field named like a secret', (_, schema) => {
    // Masked values cross as e.g. `tokenHint` or `maskedValue`; raw secrets never do.
    const secretLike =
      /^(token|accessToken|refreshToken|secret|password|apiKey|api_key|authorization|cookie|privateKey)$/i;
    expect(propertyNames(schema).filter((name) => secretLike.test(name))).toEqual([]);
  });

  it('would catch a secret nested anywhere (the check is not vacuous)', () => {
    const leaky = z.object({
      user: z.object({ email: z.string(), accessToken: z.string() }).optional(),
    });
    expect(propertyNames(leaky)).toContain('accessToken');
  });

  it('names channels domain:verb', () => {
    for (const channel of [...Object.keys(invokeChannels), ...Object.keys(eventChannels)]) {
      expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
    }
  });

  it('keeps the zod-free event name list in step with the schemas', () => {
    expect([...eventChannelNames].sort()).toEqual(Object.keys(eventChannels).sort());
    for (const name of eventChannelNames) expect(isEventChannel(name)).toBe(true);
  });

  it('recognises only own channel names', () => {
    for (const name of ['__proto__', 'constructor', 'toString', '', 7, null]) {
      expect(isInvokeChannel(name)).toBe(false);
      expect(isEventChannel(name)).toBe(false);
    }
  });
});
