import {
  DEFAULT_INHERITED_ENV_VARS as SDK_LIST,
  getDefaultEnvironment as sdkDefaultEnvironment,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';

import { DEFAULT_INHERITED_ENV_VARS, getDefaultEnvironment } from './default-environment.js';

describe('getDefaultEnvironment', () => {
  it('inherits the same variables as the MCP SDK', () => {
    expect(DEFAULT_INHERITED_ENV_VARS).toEqual(SDK_LIST);
    expect(getDefaultEnvironment()).toEqual(sdkDefaultEnvironment());
  });

  it('passes only the listed variables, and never an exported shell function', () => {
    expect(
      getDefaultEnvironment({
        HOME: '/home/ada',
        SHELL: '() { :; }; echo pwned',
        DUST_TOKEN: 'secret',
        TERM: 'xterm',
      }),
    ).toEqual(process.platform === 'win32' ? {} : { HOME: '/home/ada', TERM: 'xterm' });
  });
});
