import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { useNow } from '../../components/use-now';
import { isReadOnlyTool, selectConversationAgentId, selectServerList } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';
import { RequestCard } from './RequestCard';

/**
 * One waiting call from the store, as a full request card: the Requests view and the Ask
 * conversation show this same component, so a person never approves from a thinner prompt.
 */
export function PendingApproval({
  callId,
  focused = false,
}: {
  callId: string;
  focused?: boolean;
}) {
  const call = useAppStore((state) => state.approvals.items.find((item) => item.callId === callId));
  const deciding = useAppStore((state) => Boolean(state.approvals.deciding[callId]));
  const error = useAppStore((state) => state.approvals.errors[callId]);
  const servers = useAppStore(useShallow(selectServerList));
  const decide = useAppStore((state) => state.decide);
  const focus = useAppStore((state) => state.focusRequest);
  const now = useNow(500);
  // The agent's name is known for a conversation this app started, once the agents are listed.
  const needsAgents = useAppStore(
    (state) =>
      state.agents === null &&
      Boolean(call?.conversationId && selectConversationAgentId(state, call.conversationId)),
  );
  const loadAgents = useAppStore((state) => state.loadAgents);
  useEffect(() => {
    if (needsAgents) void loadAgents();
  }, [needsAgents, loadAgents]);
  if (!call) return <p className="muted small">Loading the request…</p>;
  return (
    <RequestCard
      call={call}
      now={now}
      focused={focused}
      deciding={deciding}
      error={error}
      readOnly={call.readOnlyHint ?? isReadOnlyTool(servers, call.server, call.tool)}
      onDecide={(choice) => void decide(call.callId, choice)}
      onFocus={() => focus(call.callId)}
    />
  );
}
