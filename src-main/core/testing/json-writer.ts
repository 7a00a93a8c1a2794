/** For tests: JSON text written in the many valid ways a program may write it. */

/** A small PRNG, so one fast-check seed drives every formatting choice of a case. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * JSON text for `value` written the many ways a server may write it: any whitespace between
 * tokens, and characters of strings (keys included) escaped as `\uXXXX`, `\/` or left raw.
 */
export function writeJson(value: unknown, random: () => number): string {
  const space = () => ['', ' ', '\n', '\t', '\r\n  ', ''][Math.floor(random() * 6)]!;
  const str = (text: string) => {
    let out = '"';
    for (const char of text) {
      const code = char.charCodeAt(0);
      if (char === '/' && random() < 0.5) out += '\\/';
      else if (char.length === 1 && random() < 0.15)
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += JSON.stringify(char).slice(1, -1);
    }
    return `${out}"`;
  };
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value))
    return `[${space()}${value.map((item) => `${space()}${writeJson(item, random)}${space()}`).join(',')}${space()}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([key, member]) =>
        `${space()}${str(key)}${space()}:${space()}${writeJson(member, random)}${space()}`,
    );
    return `{${space()}${members.join(',')}${space()}}`;
  }
  return JSON.stringify(value);
}
