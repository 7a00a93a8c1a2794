import type { ServerViewDto } from '../../../src-main/shared/contract/approvals';
import { JsonView } from '../../components/JsonView';
import { plural } from '../../components/words';

/** One MCP server view of a space: name, type, description, and each tool with its input schema. */
export function ServerViewCard({ view }: { view: ServerViewDto }) {
  const titleId = `view-${view.sId}-title`;
  return (
    <article className="card" aria-labelledby={titleId} data-testid="server-view">
      <header className="card-head">
        <h3 id={titleId} className="card-title">
          {view.name}
        </h3>
        <span className="tag">{view.serverType}</span>
      </header>
      {view.description && <p className="muted">{view.description}</p>}
      {view.tools.length === 0 ? (
        <p className="muted small">No tools.</p>
      ) : (
        <details className="details">
          <summary>{plural(view.tools.length, 'tool')}</summary>
          <ul className="tools">
            {view.tools.map((tool) => (
              <li key={tool.name}>
                <details>
                  <summary>
                    <span className="mono">{tool.name}</span>
                    {tool.description && <span className="muted"> — {tool.description}</span>}
                  </summary>
                  {tool.inputSchema === undefined ? (
                    <p className="muted small">No input schema.</p>
                  ) : (
                    <JsonView value={tool.inputSchema} label={`Input schema of ${tool.name}`} />
                  )}
                </details>
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
