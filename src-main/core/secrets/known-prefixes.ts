/**
 * Token prefixes that vendors put on their secrets precisely so scanners can find them.
 *
 * Each needs enough characters after the prefix to be a real token, so "sk-learn" or an
 * "AKIA" in a sentence does not trip it. Sources: GitHub's token formats (ghp_, gho_, ghu_,
 * ghs_, ghr_, github_pat_), Slack (xoxb-, xoxp-…), Stripe (sk_live_, rk_live_), GitLab (glpat-),
 * AWS access key ids (AKIA/ASIA + 16), Google API keys (AIza + 35), OpenAI/Anthropic (sk-…).
 */
interface KnownPrefix {
  prefix: string;
  what: string;
  /** The whole value must match this, so a prefix alone is not enough. */
  pattern: RegExp;
}

const KNOWN_PREFIXES: readonly KnownPrefix[] = [
  {
    prefix: 'github_pat_',
    what: 'a GitHub fine-grained personal access token',
    pattern: /^github_pat_[A-Za-z0-9_]{20,}$/,
  },
  { prefix: 'ghp_', what: 'a GitHub personal access token', pattern: /^ghp_[A-Za-z0-9]{20,}$/ },
  { prefix: 'gho_', what: 'a GitHub OAuth token', pattern: /^gho_[A-Za-z0-9]{20,}$/ },
  { prefix: 'ghu_', what: 'a GitHub user-to-server token', pattern: /^ghu_[A-Za-z0-9]{20,}$/ },
  { prefix: 'ghs_', what: 'a GitHub server-to-server token', pattern: /^ghs_[A-Za-z0-9]{20,}$/ },
  { prefix: 'ghr_', what: 'a GitHub refresh token', pattern: /^ghr_[A-Za-z0-9]{20,}$/ },
  {
    prefix: 'glpat-',
    what: 'a GitLab personal access token',
    pattern: /^glpat-[A-Za-z0-9_-]{16,}$/,
  },
  { prefix: 'sk_live_', what: 'a Stripe live secret key', pattern: /^sk_live_[A-Za-z0-9]{16,}$/ },
  { prefix: 'sk_test_', what: 'a Stripe test secret key', pattern: /^sk_test_[A-Za-z0-9]{16,}$/ },
  { prefix: 'rk_live_', what: 'a Stripe restricted key', pattern: /^rk_live_[A-Za-z0-9]{16,}$/ },
  { prefix: 'sk-ant-', what: 'an Anthropic API key', pattern: /^sk-ant-[A-Za-z0-9_-]{20,}$/ },
  { prefix: 'sk-', what: 'an OpenAI-style API key', pattern: /^sk-[A-Za-z0-9_-]{20,}$/ },
  { prefix: 'xoxb-', what: 'a Slack bot token', pattern: /^xoxb-[A-Za-z0-9-]{10,}$/ },
  { prefix: 'xoxp-', what: 'a Slack user token', pattern: /^xoxp-[A-Za-z0-9-]{10,}$/ },
  { prefix: 'xoxa-', what: 'a Slack app token', pattern: /^xoxa-[A-Za-z0-9-]{10,}$/ },
  { prefix: 'xapp-', what: 'a Slack app-level token', pattern: /^xapp-[A-Za-z0-9-]{10,}$/ },
  { prefix: 'AKIA', what: 'an AWS access key id', pattern: /^AKIA[0-9A-Z]{16}$/ },
  { prefix: 'ASIA', what: 'an AWS temporary access key id', pattern: /^ASIA[0-9A-Z]{16}$/ },
  { prefix: 'AIza', what: 'a Google API key', pattern: /^AIza[0-9A-Za-z_-]{35}$/ },
  { prefix: 'npm_', what: 'an npm access token', pattern: /^npm_[A-Za-z0-9]{36}$/ },
  { prefix: 'hf_', what: 'a Hugging Face token', pattern: /^hf_[A-Za-z0-9]{30,}$/ },
  { prefix: 'lin_api_', what: 'a Linear API key', pattern: /^lin_api_[A-Za-z0-9]{30,}$/ },
  { prefix: 'ntn_', what: 'a Notion integration token', pattern: /^ntn_[A-Za-z0-9]{30,}$/ },
  { prefix: 'secret_', what: 'a Notion integration secret', pattern: /^secret_[A-Za-z0-9]{40,}$/ },
];

/** The vendor prefix a value starts with, if the value has that vendor's token shape. */
export function describeKnownPrefix(value: string): { prefix: string; what: string } | undefined {
  const match = KNOWN_PREFIXES.find((known) => known.pattern.test(value));
  return match ? { prefix: match.prefix, what: match.what } : undefined;
}

/**
 * One global regex finding any known token inside a longer text (a log line, an error message).
 * Built from the anchored patterns above, so both stay in step.
 */
export function knownTokenPattern(): RegExp {
  const bodies = KNOWN_PREFIXES.map((known) =>
    known.pattern.source.replace(/^\^/, '').replace(/\$$/, ''),
  );
  return new RegExp(`(?<![A-Za-z0-9_-])(?:${bodies.join('|')})(?![A-Za-z0-9_-])`, 'g');
}

/** The prefix alone (for masking), without requiring the full token shape. */
export function leadingKnownPrefix(value: string): string | undefined {
  return KNOWN_PREFIXES.find((known) => value.startsWith(known.prefix))?.prefix;
}
