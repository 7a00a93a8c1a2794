import { useMemo } from 'react';

import { type RecentItem, recentItems } from '../../state/reducers/chat-reducer';
import { useAppStore } from '../../state/store-context';
import { conversationStatusWords, conversationTitle } from './ask-words';

/** Conversations started here (this run's first, then earlier ones), newest first, and "New". */
export function RecentConversations() {
  const conversations = useAppStore((state) => state.conversations);
  const history = useAppStore((state) => state.history);
  // Derived here, not in the selector: the items are new objects on every call.
  const items = useMemo(() => recentItems(conversations, history ?? []), [conversations, history]);
  const activeId = useAppStore((state) => state.activeConversationId);
  const reopening = useAppStore((state) => state.reopening);
  const open = useAppStore((state) => state.openConversation);
  const startNew = useAppStore((state) => state.newConversation);
  return (
    <nav className="recent" aria-label="Recent conversations">
      <div className="view-head">
        <h3 className="small muted">Recent conversations</h3>
        <button
          type="button"
          className="button small"
          onClick={startNew}
          disabled={activeId === null}
        >
          New conversation
        </button>
      </div>
      {reopening?.error && (
        <p className="error-text" role="alert">
          Could not open that conversation: {reopening.error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted small">Conversations you start here are listed here.</p>
      ) : (
        <ul className="recent-list">
          {items.map((item) => {
            const { id, title, status } = describe(
              item,
              reopening && !reopening.error ? reopening.conversationId : undefined,
            );
            return (
              <li key={id}>
                <button
                  type="button"
                  className="button quiet wide"
                  aria-current={id === activeId ? 'true' : undefined}
                  aria-busy={status === 'Opening…'}
                  onClick={() => void open(id)}
                >
                  <span className="recent-title">{title}</span>
                  <span className="muted small">{status}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}

function describe(item: RecentItem, reopeningId: string | undefined) {
  if (item.kind === 'live') {
    const { conversation } = item;
    return {
      id: conversation.conversationId,
      title: conversationTitle(conversation),
      status: conversationStatusWords(conversation.status),
    };
  }
  const { entry } = item;
  const status =
    entry.conversationId === reopeningId
      ? 'Opening…'
      : new Date(entry.updatedAt).toLocaleDateString();
  return { id: entry.conversationId, title: entry.title.trim() || 'Untitled conversation', status };
}
