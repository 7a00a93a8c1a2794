import { FileProblemsBanner } from '../features/about/FileProblemsBanner';
import { ActivityView } from '../features/activity/ActivityView';
import { AskView } from '../features/ask/AskView';
import { PermissionsView } from '../features/permissions/PermissionsView';
import { RequestsView } from '../features/requests/RequestsView';
import { ServersView } from '../features/servers/ServersView';
import { SettingsView } from '../features/settings/SettingsView';
import { SpacesView } from '../features/spaces/SpacesView';
import type { View } from '../state/slices/nav-slice';
import { useAppStore } from '../state/store-context';
import { Header } from './Header';
import { Tabs } from './Tabs';

const panels: Record<View, () => React.JSX.Element> = {
  requests: RequestsView,
  ask: AskView,
  servers: ServersView,
  permissions: PermissionsView,
  activity: ActivityView,
  spaces: SpacesView,
  settings: SettingsView,
};

/**
 * The signed-in window: header, navigation (tabs in the popover, a sidebar when wide), one view.
 */
export function Shell() {
  const view = useAppStore((state) => state.view);
  const Panel = panels[view];
  return (
    <div className="app shell">
      <Header />
      <FileProblemsBanner />
      <Tabs />
      <main className="panel" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
        <Panel />
      </main>
    </div>
  );
}
