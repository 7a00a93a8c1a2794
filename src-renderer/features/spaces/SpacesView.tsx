import { useEffect } from 'react';

import { Empty, ErrorBlock, Loading } from '../../components/StatusBlock';
import { useAppStore } from '../../state/store-context';
import { ServerViewCard } from './ServerViewCard';

/** What agents in a space can already use remotely: its MCP server views, with their tools. */
export function SpacesView() {
  const spaces = useAppStore((state) => state.spaces);
  const selected = useAppStore((state) => state.selectedSpaceId);
  const views = useAppStore((state) => state.serverViews);
  const loadSpaces = useAppStore((state) => state.loadSpaces);
  const selectSpace = useAppStore((state) => state.selectSpace);
  useEffect(() => {
    if (spaces === null) void loadSpaces();
  }, [spaces, loadSpaces]);

  const refresh = () => void (selected ? selectSpace(selected) : loadSpaces());
  return (
    <section aria-labelledby="spaces-title" className="view">
      <div className="view-head">
        <h2 id="spaces-title">Spaces</h2>
        <button
          type="button"
          className="button small"
          onClick={() => void loadSpaces()}
          disabled={spaces?.status === 'loading'}
        >
          Refresh
        </button>
      </div>
      {(spaces === null || spaces.status === 'loading') && <Loading what="spaces" />}
      {spaces?.status === 'error' && (
        <ErrorBlock
          message={`Could not list spaces: ${spaces.message}`}
          onRetry={() => void loadSpaces()}
        />
      )}
      {spaces?.status === 'ready' && spaces.value.length === 0 && (
        <Empty title="No spaces">This workspace has no space you can see.</Empty>
      )}
      {spaces?.status === 'ready' && spaces.value.length > 0 && (
        <label className="field">
          <span>Space</span>
          <select value={selected ?? ''} onChange={(event) => void selectSpace(event.target.value)}>
            {spaces.value.map((space) => (
              <option key={space.sId} value={space.sId}>
                {space.name} ({space.kind})
              </option>
            ))}
          </select>
        </label>
      )}
      {views?.status === 'loading' && <Loading what="server views" />}
      {views?.status === 'error' && (
        <ErrorBlock
          message={`Could not load this space's servers: ${views.message}`}
          onRetry={refresh}
        />
      )}
      {views?.status === 'ready' && views.value.length === 0 && (
        <Empty title="No MCP servers in this space">
          An admin adds them in Dust, under the space's tools.
        </Empty>
      )}
      {views?.status === 'ready' && views.value.length > 0 && (
        <ul className="stack" aria-label="Server views">
          {views.value.map((view) => (
            <li key={view.sId}>
              <ServerViewCard view={view} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
