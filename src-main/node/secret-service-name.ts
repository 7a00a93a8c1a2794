/**
 * The keychain service name our entries live under (its own file: the lazy store needs it without
 * loading the addon).
 */
export const DEFAULT_SECRET_SERVICE_NAME = 'dust-mcp-tray';
