/**
 * Whether `url` is the app's own page (any fragment: the renderer routes with the hash).
 *
 * Compared with the URL parser, never `startsWith`: `file:///app/index.html.evil` or
 * `https://app.example@evil.example/` must not pass (Electron security checklist item 13).
 */
export function isAppPageUrl(url: string, appPageUrl: string): boolean {
  const candidate = parse(url);
  const page = parse(appPageUrl);
  if (!candidate || !page) return false;
  return (
    candidate.protocol === page.protocol &&
    candidate.username === '' &&
    candidate.password === '' &&
    candidate.host === page.host &&
    candidate.pathname === page.pathname &&
    candidate.search === page.search
  );
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
