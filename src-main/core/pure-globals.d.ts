/**
 * The few pure, universal globals the core may use (they exist in every JS runtime we target and do
 * no I/O). The core project compiles with `types: []` and no DOM lib, so they are declared here
 * rather than pulling in Node's or the DOM's typings, which would also admit fetch, timers,
 * process…
 */
declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][]);
  get(name: string): string | null;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  has(name: string): boolean;
  delete(name: string): void;
  toString(): string;
}

declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly username: string;
  readonly password: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
  hash: string;
  href: string;
  toString(): string;
  static canParse?(url: string, base?: string): boolean;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
