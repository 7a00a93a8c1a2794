/** `dust-mcp-bridge --help`: every option, the servers file, the environment, the exit codes. */
export const HEADLESS_USAGE = `Usage: dust-mcp-bridge --dust-url URL --workspace WID --servers FILE [options]

Relays local MCP servers to Dust agents without a desktop: registers each server with your
Dust workspace, keeps it registered, and answers the agent's tool calls. Decisions come from
policy only: every call not allowed by --allow (or by a rule in the servers file) is denied,
with the reason sent to the agent.

Options:
  --dust-url URL              Dust's base URL: https://dust.tt, https://eu.dust.tt, or your own
                              (plain http only for localhost)
  --workspace WID             the workspace sId to register the servers in
  --servers FILE              the servers file (format below)
  --allow SERVER/TOOL         allow calls to matching tools without asking; repeatable,
                              * is a wildcard (files/read_*, everything/*)
  --status-file PATH          keep a small JSON status file up to date (per server: local state,
                              Dust state, serverId, last call, last error), for health checks
  --signed-out-timeout SECS   how long to keep retrying after Dust stops accepting the token
                              before exiting 1 (default 600)
  -h, --help                  print this help and exit
  -V, --version               print the version and exit

Servers file: Claude Desktop's format (the desktop app's settings file works too):
  { "mcpServers": {
      "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/srv/data"],
                 "env": { "API_KEY": "\${secret:files-api-key}" } } } }
  "\${secret:NAME}" in env is read from the system keychain when the server starts.

Environment:
  DUST_TOKEN              the Dust access token
  DUST_TOKEN_FILE         a file holding the token (systemd LoadCredential, a Docker secret);
                          read again when Dust refuses the token. Without either, the desktop
                          app's saved sign-in is read from the system keychain (and refreshed)
  DUST_WORKOS_URL         sign-in service for refreshing a keychain sign-in (default WorkOS)
  DUST_WORKOS_CLIENT_ID   its client id (default Dust's)

Output: JSON lines on stdout (starting, registered, state, call, signal, stopping, stopped);
diagnostics on stderr. SIGINT or SIGTERM stops cleanly: calls in flight finish, every server is
deregistered, exit 0. Repeats within 1 s count as one signal; a second signal later exits at once.

Exit codes:
  0  stopped by SIGINT/SIGTERM after deregistering (or --help, --version)
  1  cannot work: unreadable servers file, no token, token refused at start, no server could
     start, signed out for longer than --signed-out-timeout, or a forced second signal
  2  bad command line

Examples:
  DUST_TOKEN=… dust-mcp-bridge --dust-url https://dust.tt --workspace 0ec9852c2f \\
    --servers ~/.config/dust-mcp-bridge/servers.json --allow files/read_*

  dust-mcp-bridge --dust-url https://eu.dust.tt --workspace 0ec9852c2f --servers servers.json \\
    --allow 'everything/*' --status-file /run/dust-mcp-bridge/status.json`;
