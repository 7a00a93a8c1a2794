import type { FileProblemDto } from '../../shared/ipc-contract.js';
import type { AppServices } from './create-services.js';

/**
 * What went wrong with the data files at start, in words for the window's banner and the tray:
 * what the person lost for now (servers, region, remembered permissions) and where the unreadable
 * file was kept. Silence here is what made a corrupt file look like vanished servers.
 */
export function fileProblems(
  app: Pick<AppServices, 'settings' | 'grantsFileProblem'>,
): FileProblemDto[] {
  const problems: FileProblemDto[] = [];
  const state = app.settings.loadState;
  if (state.kind === 'recovered') {
    problems.push({
      file: 'settings',
      words: `Your settings could not be read (${state.problem}), so the app started with default settings: no local servers, region US. The unreadable file was kept at ${state.backupPath}; fix it and put it back, or set things up again.`,
      keptAt: state.backupPath,
    });
  } else if (state.kind === 'blocked') {
    problems.push({
      file: 'settings',
      words: `Your settings could not be read (${state.problem}) nor moved aside (${state.reason}). The app runs on default settings and saves nothing until you fix or remove ${app.settings.filePath}.`,
      keptAt: app.settings.filePath,
    });
  }
  const grants = app.grantsFileProblem;
  if (grants) {
    problems.push(
      grants.backupPath
        ? {
            file: 'grants',
            words: `Your remembered permissions could not be read (${grants.problem}), so calls you had allowed will ask again. The unreadable file was kept at ${grants.backupPath}.`,
            keptAt: grants.backupPath,
          }
        : {
            file: 'grants',
            words: `Your remembered permissions could not be read (${grants.problem}) nor moved aside, so calls will ask again and new permissions are not saved until you fix or remove grants.json.`,
          },
    );
  }
  return problems;
}
