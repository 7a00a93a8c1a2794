/**
 * The variables every local stdio server inherits from us, as the MCP SDK's
 * `getDefaultEnvironment` picks them (a sudo-like list: HOME, LOGNAME, PATH, SHELL, TERM, USER;
 * APPDATA, SYSTEMROOT, TEMP… on Windows), which is what Claude Desktop passes too.
 *
 * Kept here rather than imported: `@modelcontextprotocol/sdk/client/stdio.js` loads the SDK's
 * whole zod message schemas, ~11 MB of RSS in dust-mcp-bridge, which otherwise needs the SDK
 * only for remote servers (loaded when one is used). default-environment.test.ts fails if the
 * SDK's list changes.
 */
export const DEFAULT_INHERITED_ENV_VARS: readonly string[] =
  process.platform === 'win32'
    ? [
        'APPDATA',
        'HOMEDRIVE',
        'HOMEPATH',
        'LOCALAPPDATA',
        'PATH',
        'PROCESSOR_ARCHITECTURE',
        'SYSTEMDRIVE',
        'SYSTEMROOT',
        'TEMP',
        'USERNAME',
        'USERPROFILE',
        'PROGRAMFILES',
      ]
    : ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];

export function getDefaultEnvironment(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const key of DEFAULT_INHERITED_ENV_VARS) {
    const value = env[key];
    // A value starting with "()" is an exported shell function: never passed on.
    if (value === undefined || value.startsWith('()')) continue;
    inherited[key] = value;
  }
  return inherited;
}
