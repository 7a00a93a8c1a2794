import { useEffect } from 'react';

import { useAppStore } from '../../state/store-context';

/**
 * Says when a data file was unreadable at start (settings, remembered permissions): what the
 * person lost for now and where the bad file was kept. Without it, servers just "vanished".
 */
export function FileProblemsBanner() {
  const problems = useAppStore((state) => state.fileProblems);
  const load = useAppStore((state) => state.loadFileProblems);
  useEffect(() => {
    void load();
  }, [load]);
  if (problems.length === 0) return null;
  return (
    <div className="state state-error file-problems" role="alert" data-testid="file-problems">
      {problems.map((problem) => (
        <p key={problem.file}>{problem.words}</p>
      ))}
    </div>
  );
}
