import { plural } from '../../components/words';
import { selectServerList } from '../../state/selectors';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store-context';

export interface AutoAllowed {
  grants: number;
  staleGrants: number;
  allowRules: number;
  /** Trusted servers whose read-only tools run without asking, with how many such tools. */
  trusted: Array<{ server: string; readOnlyTools: number }>;
}

/**
 * Everything that lets a call run without asking: permissions, allow rules, trusted read-only
 * tools.
 */
export function selectAutoAllowed(state: AppState): AutoAllowed {
  const grants = state.grants.status === 'ready' ? state.grants.value : [];
  const rules = state.rules.status === 'ready' ? state.rules.value : [];
  return {
    grants: grants.filter((grant) => !grant.stale).length,
    staleGrants: grants.filter((grant) => grant.stale).length,
    allowRules: rules.filter((rule) => rule.action === 'allow').length,
    trusted: selectServerList(state)
      .filter((server) => server.trusted)
      .map((server) => ({
        server: server.name,
        readOnlyTools: server.tools.filter((tool) => tool.readOnly).length,
      })),
  };
}

/** The one sentence that says what really runs without asking, rules included. */
export function AutoAllowedSummary() {
  // As a string: a new object each time would re-render on every store change.
  const summary = useAppStore((state) => JSON.stringify(selectAutoAllowed(state)));
  const { grants, staleGrants, allowRules, trusted } = JSON.parse(summary) as AutoAllowed;
  const parts = [
    grants > 0 ? plural(grants, 'permission') : null,
    allowRules > 0 ? plural(allowRules, 'allow rule') : null,
    ...trusted.map(
      (entry) => `${plural(entry.readOnlyTools, 'read-only tool')} of ${entry.server} (trusted)`,
    ),
  ].filter((part): part is string => part !== null);
  return (
    <p className={parts.length > 0 ? 'notice' : 'muted'} data-testid="auto-allowed">
      {parts.length > 0
        ? `Runs without asking: ${parts.join(', ')}. Everything else asks you first.`
        : 'Nothing runs without asking: every tool call asks you first.'}
      {staleGrants > 0 &&
        ` ${plural(staleGrants, 'permission')} no longer ${staleGrants === 1 ? 'applies' : 'apply'}: the tool changed since.`}
    </p>
  );
}
