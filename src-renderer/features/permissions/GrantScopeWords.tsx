import type { GrantDto } from '../../../src-main/shared/contract/approvals';
import { revealInvisible } from '../../components/reveal-invisible';
import { formatClock, formatRelative } from '../../components/words';
import { selectConversationTitle } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';

/**
 * "Always", "Until 14:10 (in 52 min)", "In the conversation “Tidy my notes”": never an ISO date or
 * a bare id.
 */
export function GrantScopeWords({ grant, now }: { grant: GrantDto; now: number }) {
  const title = useAppStore((state) => selectConversationTitle(state, grant.conversationId));
  switch (grant.scopeKind) {
    case 'always':
      return <strong>Always</strong>;
    case 'once':
      return <strong>Once</strong>;
    case 'until':
      return grant.expiresAt === undefined ? (
        <strong>For a while</strong>
      ) : (
        <strong>
          Until {formatClock(grant.expiresAt, now)} ({formatRelative(grant.expiresAt, now)})
        </strong>
      );
    case 'conversation':
      return (
        <strong>
          {title
            ? `In the conversation “${revealInvisible(title)}”`
            : 'In one conversation in Dust'}
        </strong>
      );
    default:
      return <strong>{grant.scope}</strong>;
  }
}
