import { useEffect } from 'react';

import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { useAppStore } from '../../state/store-context';
import { Composer } from './Composer';
import { ConversationPane } from './ConversationPane';
import { RecentConversations } from './RecentConversations';
import { ShortcutSetting } from './ShortcutSetting';

/**
 * Ask an agent with this computer's servers attached. The app posts the message itself because
 * Dust routes tool calls to a local server only for messages that carry its server id.
 */
export function AskView() {
  const agents = useAppStore((state) => state.agents);
  const loadAgents = useAppStore((state) => state.loadAgents);
  const loadHistory = useAppStore((state) => state.loadHistory);
  const conversation = useAppStore((state) =>
    state.activeConversationId ? state.conversations.byId[state.activeConversationId] : undefined,
  );
  const conversationsError = useAppStore((state) =>
    state.conversations.status === 'error' ? state.conversations.message : undefined,
  );
  const retry = useAppStore((state) => state.retry);

  useEffect(() => {
    // Listing agents costs a Dust call: once per opening of the view, and again after a failure.
    void loadAgents();
    void loadHistory();
  }, [loadAgents, loadHistory]);

  return (
    <section aria-labelledby="ask-title" className="view ask">
      <div className="view-head">
        <h2 id="ask-title">Ask an agent</h2>
      </div>
      {conversationsError && (
        <ErrorBlock
          message={`Could not load conversations: ${conversationsError}`}
          onRetry={retry}
        />
      )}
      {(agents === null || agents.status === 'loading') && <Loading what="agents" />}
      {agents?.status === 'error' &&
        (agents.code === 'unauthenticated' ? (
          <Empty title="Sign in first">{agents.message}</Empty>
        ) : (
          <ErrorBlock
            message={`Could not load agents: ${agents.message}`}
            onRetry={() => void loadAgents()}
          />
        ))}
      {agents?.status === 'ready' && agents.value.length === 0 && (
        <Empty title="No agents in this workspace">
          Create an agent in Dust, then open this view again.
        </Empty>
      )}
      {conversation && (
        <ConversationPane
          conversation={conversation}
          agents={agents?.status === 'ready' ? agents.value : []}
        />
      )}
      {agents?.status === 'ready' && agents.value.length > 0 && (
        <Composer agents={agents.value} conversation={conversation} />
      )}
      <RecentConversations />
      <footer className="ask-footer">
        <ShortcutSetting />
      </footer>
    </section>
  );
}
