/**
 * The name a local server is registered under in Dust.
 *
 * Dust's `POST /mcp/register` accepts `serverName` of 5 to 30 characters, checked on the raw,
 * untrimmed string (docs/protocol/client-side-mcp.md#register,
 * `PublicRegisterMCPRequestBodySchema`). People's server names in `mcpServers` are often shorter
 * ("fs", "git") or longer, so we keep their name as the local key and register under a `dustName`:
 * the explicit one from settings, else one derived here. Derivation is deterministic, so the same
 * server keeps the same Dust name (Dust's "always approved" memory is keyed by it,
 * docs/protocol/client-side-mcp.md#server-id).
 */
export const DUST_NAME_MIN = 5;
export const DUST_NAME_MAX = 30;

/** Appended to short names until they reach the minimum: "fs" → "fs-mcp". */
const SHORT_NAME_SUFFIX = '-mcp';

export type DustNameCheck = { ok: true } | { ok: false; reason: string };

/** Checks a name against Dust's rule, explaining a failure in words. */
export function checkDustName(name: string): DustNameCheck {
  if (name !== name.trim()) {
    return { ok: false, reason: 'must not start or end with spaces (Dust counts them)' };
  }
  const length = [...name].length;
  if (length < DUST_NAME_MIN) {
    return {
      ok: false,
      reason: `is ${length} characters; Dust needs ${DUST_NAME_MIN} to ${DUST_NAME_MAX}`,
    };
  }
  if (length > DUST_NAME_MAX) {
    return {
      ok: false,
      reason: `is ${length} characters; Dust needs ${DUST_NAME_MIN} to ${DUST_NAME_MAX}`,
    };
  }
  if (/\p{Cc}/u.test(name)) return { ok: false, reason: 'contains control characters' };
  return { ok: true };
}

/**
 * A Dust-acceptable name derived from a local server name.
 *
 * Returns the name unchanged when it already fits. Otherwise whitespace is collapsed and
 * trimmed; a path-like name that does not fit (Cline names servers
 * "github.com/modelcontextprotocol/servers/tree/main/src/github") keeps its last segment; short
 * names get "-mcp" appended (repeatedly, for a one-letter name); long names are cut at 30
 * characters (by code point, never splitting an emoji) and re-trimmed.
 */
export function deriveDustName(localName: string): string {
  if (checkDustName(localName).ok) return localName;
  const collapsed = localName
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (checkDustName(collapsed).ok) return collapsed;
  const lastSegment = collapsed.includes('/')
    ? collapsed
        .split('/')
        .filter((part) => part.trim().length > 0)
        .at(-1)
    : undefined;
  const cleaned = (lastSegment ?? collapsed).trim();
  let name = cleaned.length === 0 ? 'local' : cleaned;
  while ([...name].length < DUST_NAME_MIN) name += SHORT_NAME_SUFFIX;
  const points = [...name];
  if (points.length > DUST_NAME_MAX) name = points.slice(0, DUST_NAME_MAX).join('').trimEnd();
  while ([...name].length < DUST_NAME_MIN) name += SHORT_NAME_SUFFIX;
  return name;
}

/** The name to register: the explicit `dustName` if set, else the derived one. */
export function effectiveDustName(
  localName: string,
  entry: { dustName?: string | undefined },
): string {
  return entry.dustName ?? deriveDustName(localName);
}

/**
 * A sentence for the UI when the Dust name differs from the local one, or undefined.
 *
 * Shown in the import preview and the server list so nobody wonders why Dust says "fs-mcp".
 */
export function describeDustName(
  localName: string,
  entry: { dustName?: string | undefined },
): string | undefined {
  const dustName = effectiveDustName(localName, entry);
  if (dustName === localName) return undefined;
  if (entry.dustName !== undefined) return `Registered in Dust as "${dustName}" (set in settings).`;
  const check = checkDustName(localName);
  const why = check.ok ? '' : ` because "${localName}" ${check.reason}`;
  return `Registered in Dust as "${dustName}"${why}.`;
}

/**
 * Dust's `slugify` (`front/types/shared/utils/string_utils.ts`,
 * docs/protocol/client-side-mcp.md#slugify): the form a server name takes in its id and in the tool
 * names the model sees (`slug__tool`, docs/protocol/client-side-mcp.md#tool-names). Two servers
 * with the same slug give the agent duplicate tool names.
 */
export function dustSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '_')
    .replace(/\W/g, '_')
    .replace(/_+/g, '_');
}

/** Groups of local server names whose Dust names share a slug (only groups of two or more). */
export function findDustNameCollisions(
  servers: Readonly<Record<string, { dustName?: string | undefined }>>,
): string[][] {
  const bySlug = new Map<string, string[]>();
  for (const [name, entry] of Object.entries(servers)) {
    const slug = dustSlug(effectiveDustName(name, entry));
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), name]);
  }
  return [...bySlug.values()].filter((group) => group.length > 1);
}
