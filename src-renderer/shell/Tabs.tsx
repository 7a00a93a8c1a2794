import { type KeyboardEvent, useRef } from 'react';

import { selectPendingCount } from '../state/selectors';
import { type View, views } from '../state/slices/nav-slice';
import { useAppStore } from '../state/store-context';

const labels: Record<View, string> = {
  requests: 'Requests',
  ask: 'Ask',
  servers: 'Servers',
  permissions: 'Permissions',
  activity: 'Activity',
  spaces: 'Spaces',
  settings: 'Settings',
};

/**
 * The views as an ARIA tab list with a roving tab index: Tab reaches the list once, the arrow
 * keys, Home and End move within it (WAI-ARIA tabs pattern, automatic activation).
 */
export function Tabs() {
  const view = useAppStore((state) => state.view);
  const setView = useAppStore((state) => state.setView);
  const pending = useAppStore(selectPendingCount);
  const refs = useRef<Partial<Record<View, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent) => {
    const index = views.indexOf(view);
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? views[(index + 1) % views.length]
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? views[(index + views.length - 1) % views.length]
          : event.key === 'Home'
            ? views[0]
            : event.key === 'End'
              ? views[views.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    setView(next);
    refs.current[next]?.focus();
  };

  return (
    <nav className="tabs" aria-label="Views">
      <div role="tablist" aria-orientation="horizontal" onKeyDown={onKeyDown} className="tablist">
        {views.map((name) => (
          <button
            key={name}
            ref={(element) => {
              refs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={view === name}
            aria-controls={`panel-${name}`}
            tabIndex={view === name ? 0 : -1}
            className="tab"
            onClick={() => setView(name)}
          >
            {labels[name]}
            {name === 'requests' && pending > 0 && (
              <span className="badge" aria-label={`${pending} waiting`}>
                {pending}
              </span>
            )}
          </button>
        ))}
      </div>
    </nav>
  );
}
