import { useShallow } from 'zustand/react/shallow';

import { recentConversations } from '../../state/reducers/chat-reducer';
import { useAppStore } from '../../state/store-context';
import { conversationStatusWords, conversationTitle } from './ask-words';

/** This run's conversations, newest first, to switch between; and a way to start a new one. */
export function RecentConversations() {
  const recent = useAppStore(useShallow((state) => recentConversations(state.conversations)));
  const activeId = useAppStore((state) => state.activeConversationId);
  const open = useAppStore((state) => state.openConversation);
  const startNew = useAppStore((state) => state.newConversation);
  return (
    <nav className="recent" aria-label="Recent conversations">
      <div className="view-head">
        <h3 className="small muted">Recent conversations</h3>
        <button type="button" className="button small" onClick={startNew} disabled={activeId === null}>
          New conversation
        </button>
      </div>
      {recent.length === 0 ? (
        <p className="muted small">Conversations you start here are listed until the app quits.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((conversation) => (
            <li key={conversation.conversationId}>
              <button
                type="button"
                className="button quiet wide"
                aria-current={conversation.conversationId === activeId ? 'true' : undefined}
                onClick={() => open(conversation.conversationId)}
              >
                <span className="recent-title">{conversationTitle(conversation)}</span>
                <span className="muted small">{conversationStatusWords(conversation.status)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
