#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring under a private D-Bus
# session) and a temporary HOME, so keychain tests never touch the developer's own keyring.
# Where there is no dbus-run-session (macOS, Windows, a Linux without it) the command runs as is.
set -euo pipefail

if [[ "$(uname -s)" != "Linux" ]] || ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  DUST_TRAY_SECRET_SERVICE=absent exec "$@"
fi

tmp_home="$(mktemp -d -t dust-mcp-tray-home.XXXXXX)"
trap 'rm -rf "$tmp_home"' EXIT
export HOME="$tmp_home" XDG_DATA_HOME="$tmp_home/.local/share" XDG_RUNTIME_DIR="$tmp_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# Keep npm's cache where it was: the temporary HOME is for the keyring only.
export npm_config_cache="${npm_config_cache:-${ORIGINAL_HOME:-/root}/.npm}"

dbus-run-session -- bash -c '
  # --unlock reads the new login keyring'"'"'s password from stdin; the daemon forks and stays up
  # for the life of this D-Bus session.
  printf "test-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export DUST_TRAY_SECRET_SERVICE=gnome-keyring
  exec "$@"
' bash "$@"
