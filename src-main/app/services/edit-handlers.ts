import { exportMcpServers } from '../../core/import/export-servers.js';
import type { PolicyRule } from '../../core/policy/rules.js';
import { allowsManyTools } from '../consent/wide-rules.js';
import { HandlerError, type InvokeHandlers } from '../ipc-router.js';
import type { AppServices } from './create-services.js';
import { runServerTest } from './server-tester.js';

type EditChannels =
  | 'servers:save'
  | 'servers:remove'
  | 'servers:get'
  | 'servers:test'
  | 'import:locations'
  | 'import:preview'
  | 'import:apply'
  | 'import:export'
  | 'rules:list'
  | 'rules:set'
  | 'rules:remove';

/**
 * The channels that change what runs: servers (with their keychain secrets), imports and
 * per-tool rules. Each change goes through the settings store, whose change event republishes
 * `servers:changed` and `rules:changed`, so every window updates the same way.
 */
export function editHandlers(app: AppServices): Pick<InvokeHandlers, EditChannels> {
  const { editor } = app;
  const setRules = (change: (rules: readonly PolicyRule[]) => PolicyRule[]) =>
    editor.update((current) => ({ ...current, rules: change(current.rules) }));
  const sameKey = (a: { server: string; tool: string }, b: { server: string; tool: string }) =>
    a.server === b.server && a.tool === b.tool;
  return {
    'servers:save': (input) => editor.save(input),
    'servers:remove': ({ name }) => editor.remove(name),
    'servers:get': ({ name }) => editor.get(name),
    'servers:test': (input) => runServerTest(app.tester, input),
    'import:locations': () => app.importer.locations(),
    'import:preview': (input) => app.importer.preview(input),
    'import:apply': (input) => app.importer.apply(input),
    'import:export': () => exportMcpServers(app.settings.settings),
    'rules:list': () => app.settings.settings.rules.map((rule) => ({ ...rule })),
    'rules:set': async (rule) => {
      editor.entry(rule.server);
      if (allowsManyTools(rule))
        await app.consent.require('rule', [
          { kind: 'wide-rule', server: rule.server, tool: rule.tool },
        ]);
      await setRules((rules) => {
        const next: PolicyRule = { ...rule, source: 'user' };
        const index = rules.findIndex((existing) => sameKey(existing, rule));
        return index === -1
          ? [...rules, next]
          : rules.map((existing, i) => (i === index ? next : existing));
      });
    },
    'rules:remove': async (key) => {
      if (!app.settings.settings.rules.some((rule) => sameKey(rule, key))) {
        throw new HandlerError(
          'not_found',
          `There is no rule for "${key.tool}" of "${key.server}".`,
        );
      }
      await setRules((rules) => rules.filter((rule) => !sameKey(rule, key)));
    },
  };
}
