import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { dirtiedBy, gitStatus } from './tree-check.mjs';

describe('tree check', () => {
  it('reports files the tests changed or created, not those already dirty before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tree-check-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    writeFileSync(join(dir, 'kept.txt'), 'a');
    writeFileSync(join(dir, 'shot.png'), 'old');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    writeFileSync(join(dir, 'kept.txt'), 'edited by the person');
    const before = gitStatus(dir)!;
    writeFileSync(join(dir, 'shot.png'), 'retaken');
    writeFileSync(join(dir, 'report.json'), '{}');
    expect(dirtiedBy(before, gitStatus(dir)!)).toEqual([' M shot.png', '?? report.json']);
  });

  it('says null outside a git checkout', () => {
    expect(gitStatus(mkdtempSync(join(tmpdir(), 'not-git-')))).toBeNull();
  });
});
