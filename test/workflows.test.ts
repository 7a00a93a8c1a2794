import { readFileSync } from 'node:fs';

import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The GitHub Actions workflows cannot run here; this checks what they promise, so an edit that
 * drops a platform, a test step or a secret guard fails CI before a release does.
 */
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  container?: string;
  env?: Record<string, string>;
  strategy?: { matrix: { os?: string[]; include?: { os: string; platform: string }[] } };
  steps?: Step[];
  permissions?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const source = (name: string) =>
  readFileSync(new URL(`../.github/workflows/${name}`, import.meta.url), 'utf8');
const load = (name: string) => parse(source(name)) as Workflow;
const ci = load('ci.yml');
const release = load('release.yml');
const job = (workflow: Workflow, name: string): Job => {
  const found = workflow.jobs[name];
  if (!found) throw new Error(`no job ${name}`);
  return found;
};
const runs = (j: Job) => (j.steps ?? []).map((step) => step.run ?? '').join('\n');
const stepRunning = (j: Job, command: string) =>
  (j.steps ?? []).find((step) => step.run?.includes(command));
const allSteps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((j) => j.steps ?? []);

describe('ci.yml', () => {
  it('runs on pushes and pull requests, and can be called by the release', () => {
    expect(Object.keys(ci.on)).toEqual(
      expect.arrayContaining(['push', 'pull_request', 'workflow_call']),
    );
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it("runs the project's own CI script on Linux as root in Debian", () => {
    const script = job(ci, 'ci-script');
    expect(script['runs-on']).toMatch(/^ubuntu-/);
    expect(script.container).toMatch(/^debian:/);
    expect(stepRunning(script, 'bash .ci/run')).toBeDefined();
  });

  it('runs the real Electron on macOS, Windows and Linux, with the unit tests and the Electron e2e specs', () => {
    const desktop = job(ci, 'desktop');
    const oses = desktop.strategy?.matrix.os ?? [];
    for (const os of ['macos', 'windows', 'ubuntu'])
      expect(
        oses.some((name) => name.startsWith(os)),
        os,
      ).toBe(true);
    const commands = runs(desktop);
    for (const command of [
      'npm ci',
      'npm run typecheck',
      'npm run lint',
      'npm run test:unit',
      'npm run build',
    ]) {
      expect(commands, command).toContain(command);
    }
    // The binary is downloaded (no skip flag) and checked, so the specs cannot silently skip.
    expect(JSON.stringify(desktop)).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(commands).toContain("require('electron')");
    const e2e = (desktop.steps ?? []).filter((step) =>
      step.run?.includes('playwright test --project electron'),
    );
    expect(e2e.map((step) => [step.if, step.run?.startsWith('xvfb-run ')])).toEqual([
      ["runner.os != 'Linux'", false],
      ["runner.os == 'Linux'", true],
    ]);
  });

  it('builds unsigned installers on every push to main and uploads them', () => {
    const desktop = job(ci, 'desktop');
    const builder = stepRunning(desktop, 'npx electron-builder --publish never');
    expect(builder?.if).toBe("github.event_name == 'push'");
    const upload = (desktop.steps ?? []).find(
      (step) => step.name === 'Upload the unsigned installers',
    );
    expect(upload?.uses).toMatch(/^actions\/upload-artifact@/);
    expect(upload?.if).toBe("github.event_name == 'push'");
  });
});

describe('release.yml', () => {
  it('runs on v* tags, after CI passes', () => {
    expect(release.on['push']).toEqual({ tags: ['v*'] });
    expect(job(release, 'ci').uses).toBe('./.github/workflows/ci.yml');
    expect(job(release, 'build').needs).toBe('ci');
  });

  it('builds installers on macOS, Windows and Linux runners', () => {
    const include = job(release, 'build').strategy?.matrix.include ?? [];
    expect(include.map(({ os, platform }) => [os.split('-')[0], platform])).toEqual([
      ['macos', '--mac'],
      ['windows', '--win'],
      ['ubuntu', '--linux'],
    ]);
    expect(
      stepRunning(job(release, 'build'), 'npx electron-builder ${{ matrix.platform }}'),
    ).toBeDefined();
  });

  it('uploads every installer, blockmap and update feed, then drafts one release with them', () => {
    const build = job(release, 'build');
    const upload = (build.steps ?? []).find((step) =>
      step.uses?.startsWith('actions/upload-artifact@'),
    );
    const paths = String(upload?.with?.['path']);
    for (const file of [
      '*.dmg',
      '*.zip',
      '*.exe',
      '*.AppImage',
      '*.deb',
      '*.blockmap',
      'latest*.yml',
    ])
      expect(paths).toContain(file);
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    const draft = job(release, 'release');
    expect(draft.needs).toBe('build');
    expect(draft.permissions).toEqual({ contents: 'write' });
    expect(runs(draft)).toMatch(/gh release create .*--draft/);
  });

  it('uses each signing secret only in a step guarded by an `if:` on its presence', () => {
    const guards: Record<string, RegExp> = {
      CSC_LINK: /HAS_MAC_CERT == 'true'/,
      CSC_KEY_PASSWORD: /HAS_MAC_CERT == 'true'/,
      APPLE_ID: /HAS_NOTARY == 'true'/,
      APPLE_APP_SPECIFIC_PASSWORD: /HAS_NOTARY == 'true'/,
      APPLE_TEAM_ID: /HAS_NOTARY == 'true'/,
      WIN_CSC_LINK: /HAS_WIN_CERT == 'true'/,
      WIN_CSC_KEY_PASSWORD: /HAS_WIN_CERT == 'true'/,
    };
    const stepsWithSecrets = allSteps(release).filter((step) =>
      /secrets\.(?!GITHUB_TOKEN)/.test(JSON.stringify(step)),
    );
    expect(stepsWithSecrets.length).toBe(3);
    for (const step of stepsWithSecrets) {
      const used = [...JSON.stringify(step).matchAll(/secrets\.(\w+)/g)].map(
        (match) => match[1] ?? '',
      );
      for (const secret of used) {
        const guard = guards[secret];
        expect(guard, `${secret} is a known signing secret`).toBeDefined();
        expect(step.if, `${step.name ?? ''} uses ${secret}`).toMatch(guard!);
      }
    }
    // The presence flags themselves are computed from the secrets, never their values.
    for (const flag of ['HAS_MAC_CERT', 'HAS_NOTARY', 'HAS_WIN_CERT']) {
      expect(job(release, 'build').env?.[flag]).toMatch(/^\$\{\{ secrets\.\w+ != '' .*\}\}$/);
    }
  });

  it('forces code signing only where the signing secrets are present', () => {
    const forcing = allSteps(release).filter((step) => step.run?.includes('forceCodeSigning'));
    expect(forcing.length).toBe(2);
    for (const step of forcing) expect(step.if).toMatch(/HAS_(MAC|WIN)_CERT == 'true'/);
  });
});

describe('every workflow', () => {
  it.each(['ci.yml', 'release.yml'])(
    "%s passes GitHub's workflow schema (SchemaStore, via action-validator)",
    (name) => {
      expect(validateWorkflow(source(name)).errors).toEqual([]);
    },
  );

  it('the schema check catches a mistyped key', () => {
    const broken = source('ci.yml').replace('runs-on: ubuntu-latest', 'runs-onn: ubuntu-latest');
    expect(JSON.stringify(validateWorkflow(broken).errors)).toContain(
      "Additional property 'runs-onn' is not allowed",
    );
  });

  it('pins each action to a major version', () => {
    const uses = [...allSteps(ci), ...allSteps(release)].flatMap((step) =>
      step.uses ? [step.uses] : [],
    );
    expect(uses.length).toBeGreaterThan(5);
    for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
  });
});
