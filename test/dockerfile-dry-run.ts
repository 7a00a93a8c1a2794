/**
 * Runs a Dockerfile's own commands without Docker, as far as a plain machine allows: each
 * WORKDIR, COPY, ENV and RUN in order inside a folder standing in for the image's root, with
 * `npm install -g` pointed at <root>/usr/local. Absolute paths the image uses (/config, /run,
 * /tmp, /opt, /home) are moved under that root. USER cannot be switched here; the caller checks
 * it is not root. Used by deploy.test.ts on docs/deploy/Dockerfile.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DockerInstruction {
  op: string;
  args: string;
}

export interface DryRunImage {
  from: string | undefined;
  env: Record<string, string>;
  user: string;
  workdir: string;
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[] | undefined;
  /** The environment to run the entrypoint with (image paths moved under the root). */
  runEnv: Record<string, string | undefined>;
  /** The image's working directory, under the root. */
  cwd: string;
}

/** Instructions with line continuations joined: [{ op: 'RUN', args: '…' }, …]. */
export function parseDockerfile(text: string): DockerInstruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const space = line.indexOf(' ');
      return { op: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() };
    });
}

/** An absolute path into the image's own folders, where a path can start (not mid-path). */
const IMAGE_PATH = /(?<![\w.\-/])\/(config|run|tmp|opt|home)\//g;

/** Moves the image's absolute paths under `root`, wherever they appear in `text` (one pass). */
export function underRoot(root: string, text: string): string {
  return text.replace(IMAGE_PATH, (_match, dir: string) => `${root}/${dir}/`);
}

/** `["a", "b"]` (exec form) or `a b` (shell form, split on spaces). */
function commandOf(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
}

/**
 * Builds the "image" into `root` from `context`; returns what running it needs: the env, the
 * user, the working directory, the entrypoint, the default command and the health check.
 */
export function dryRunBuild(
  instructions: DockerInstruction[],
  { context, root }: { context: string; root: string },
): DryRunImage {
  const image: Omit<DryRunImage, 'runEnv' | 'cwd'> = {
    from: undefined,
    env: {},
    user: 'root',
    workdir: '/',
    entrypoint: [],
    cmd: [],
    healthcheck: undefined,
  };
  const npmPrefix = join(root, 'usr', 'local');
  mkdirSync(join(npmPrefix, 'bin'), { recursive: true });
  // Every image has a /tmp.
  mkdirSync(join(root, 'tmp'), { recursive: true });
  for (const { op, args } of instructions) {
    switch (op) {
      case 'FROM':
        image.from = args;
        break;
      case 'ENV':
        for (const [, key = '', value = ''] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g))
          image.env[key] = value.replace(/^"|"$/g, '');
        break;
      case 'WORKDIR':
        image.workdir = resolve(image.workdir, args);
        mkdirSync(join(root, image.workdir), { recursive: true });
        break;
      case 'COPY': {
        const parts = args.split(/\s+/);
        const dest = resolve(image.workdir, parts.pop() ?? '.');
        for (const pattern of parts) {
          const matcher = new RegExp(
            `^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
          );
          for (const file of readdirSync(context).filter((name) => matcher.test(name)))
            cpSync(join(context, file), join(root, dest, file));
        }
        break;
      }
      case 'RUN': {
        const script = args.replace(/--mount=\S+\s*/g, '');
        const run = spawnSync('sh', ['-c', script], {
          cwd: join(root, image.workdir),
          encoding: 'utf8',
          env: {
            ...process.env,
            ...image.env,
            npm_config_prefix: npmPrefix,
            npm_config_prefer_offline: 'true',
            npm_config_loglevel: 'error',
          },
        });
        if (run.status !== 0)
          throw new Error(`RUN ${script} failed (${run.status}): ${run.stderr}`);
        break;
      }
      case 'USER':
        image.user = args;
        break;
      case 'ENTRYPOINT':
        image.entrypoint = commandOf(args);
        break;
      case 'CMD':
        image.cmd = commandOf(args);
        break;
      case 'HEALTHCHECK':
        image.healthcheck = commandOf(args.slice(args.indexOf('CMD ') + 4).trim());
        break;
      default:
        throw new Error(`dockerfile-dry-run does not know ${op}`);
    }
  }
  const env: Record<string, string | undefined> = {
    ...process.env,
    PATH: `${join(npmPrefix, 'bin')}:${process.env['PATH']}`,
  };
  for (const [key, value] of Object.entries(image.env)) env[key] = underRoot(root, value);
  return { ...image, runEnv: env, cwd: join(root, image.workdir) };
}
