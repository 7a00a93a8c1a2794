import type { ActivityEntryDto } from '../../../src-main/shared/contract/approvals';
import type { ActivityFilter } from '../../state/reducers/activity-reducer';

const outcomes = [
  ['', 'Any outcome'],
  ['ok', 'Succeeded'],
  ['error', 'Failed'],
  ['denied', 'Denied'],
  ['pending', 'Waiting or running'],
] as const;

/** Server, tool and outcome pickers, offering only values present in the log. */
export function ActivityFilters({
  entries,
  filter,
  onChange,
}: {
  entries: ActivityEntryDto[];
  filter: ActivityFilter;
  onChange: (next: ActivityFilter) => void;
}) {
  const servers = [...new Set(entries.map((entry) => entry.server))].sort();
  const tools = [
    ...new Set(
      entries
        .filter((entry) => !filter.server || entry.server === filter.server)
        .flatMap((entry) => (entry.tool ? [entry.tool] : [])),
    ),
  ].sort();
  return (
    <div className="filters" role="group" aria-label="Filter activity">
      <label className="field inline">
        <span>Server</span>
        <select
          value={filter.server}
          onChange={(event) => onChange({ ...filter, server: event.target.value, tool: '' })}
        >
          <option value="">All</option>
          {servers.map((server) => (
            <option key={server}>{server}</option>
          ))}
        </select>
      </label>
      <label className="field inline">
        <span>Tool</span>
        <select
          value={filter.tool}
          onChange={(event) => onChange({ ...filter, tool: event.target.value })}
        >
          <option value="">All</option>
          {tools.map((tool) => (
            <option key={tool}>{tool}</option>
          ))}
        </select>
      </label>
      <label className="field inline">
        <span>Outcome</span>
        <select
          value={filter.outcome}
          onChange={(event) =>
            onChange({ ...filter, outcome: event.target.value as ActivityFilter['outcome'] })
          }
        >
          {outcomes.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
