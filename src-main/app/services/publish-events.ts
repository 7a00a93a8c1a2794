import { DisposableStore, type IDisposable } from '../../core/lifecycle.js';
import type { EventHub } from '../event-hub.js';
import { conversationDto } from './chat-views.js';
import type { AppServices } from './create-services.js';
import { elicitationDto } from './elicitation-dto.js';
import {
  activityDto,
  authSnapshot,
  currentFingerprints,
  grantDto,
  pendingCallDto,
  serverStatuses,
} from './views.js';

/**
 * Publishes every service change on the event hub, in the same synchronous step as the change,
 * so a snapshot read through the hub is always consistent with the events after it.
 */
export function publishServiceEvents(app: AppServices, hub: EventHub): IDisposable {
  const store = new DisposableStore();
  store.add(app.auth.onDidChange(() => hub.publish('auth:changed', authSnapshot(app))));
  const publishServers = () => hub.publish('servers:changed', serverStatuses(app));
  store.add(app.runtime.onDidChange(publishServers));
  store.add(app.settings.onDidChange(publishServers));
  // Rules live in settings; published only when they changed, so a server edit is not a rules
  // event.
  let rules = JSON.stringify(app.settings.settings.rules);
  store.add(
    app.settings.onDidChange((settings) => {
      const next = JSON.stringify(settings.rules);
      if (next === rules) return;
      rules = next;
      hub.publish(
        'rules:changed',
        settings.rules.map((rule) => ({ ...rule })),
      );
    }),
  );
  store.add(
    app.approvals.onDidChange((delta) => {
      if (delta.kind === 'added')
        hub.publish('approvals:changed', {
          kind: 'added',
          call: pendingCallDto(delta.call, app.knownSecrets.current),
        });
      else {
        const { decided } = delta;
        hub.publish('approvals:changed', {
          kind: 'decided',
          callId: decided.callId,
          verdict: decided.decision.verdict,
          by: decided.by,
          reason: decided.reason,
        });
      }
    }),
  );
  const grantDtos = () =>
    app.grants.grants.map((grant) => grantDto(grant, currentFingerprints(app)));
  let staleness = '';
  store.add(
    app.grants.onDidChange(() => {
      const dtos = grantDtos();
      staleness = JSON.stringify(dtos.map((grant) => grant.stale));
      hub.publish('grants:changed', dtos);
    }),
  );
  // A server that restarts with a changed tool makes its grants stale (or fresh again): say so.
  staleness = JSON.stringify(grantDtos().map((grant) => grant.stale));
  const publishGrantsIfStalenessChanged = () => {
    const dtos = grantDtos();
    const next = JSON.stringify(dtos.map((grant) => grant.stale));
    if (next === staleness) return;
    staleness = next;
    hub.publish('grants:changed', dtos);
  };
  store.add(app.runtime.onDidChange(publishGrantsIfStalenessChanged));
  store.add(app.settings.onDidChange(publishGrantsIfStalenessChanged));
  store.add(
    app.elicitations.onDidChange((delta) =>
      hub.publish(
        'elicitations:changed',
        delta.kind === 'added'
          ? {
              kind: 'added',
              elicitation: elicitationDto(delta.elicitation, app.knownSecrets.current),
            }
          : delta,
      ),
    ),
  );
  store.add(
    app.activity.onDidRecord((record) => {
      const entry = app.activity.get(record.type === 'request' ? record.entry.id : record.id);
      if (entry) hub.publish('activity:recorded', activityDto(entry));
    }),
  );
  store.add(
    app.activity.onDidProgress((id) => {
      const entry = app.activity.get(id);
      if (entry) hub.publish('activity:recorded', activityDto(entry));
    }),
  );
  store.add(
    app.chat.onDidChange((view) =>
      hub.publish('chat:changed', conversationDto(view, app.knownSecrets.current)),
    ),
  );
  return store;
}
