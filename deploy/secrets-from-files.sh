#!/bin/sh
# Reads secrets from files (Docker/compose secrets, systemd credentials) into the variables
# homewatch reads: for each NAME below, NAME_FILE=/path sets NAME to that file's content.
# Then replaces itself with the command, so the server is the process that gets SIGTERM.
set -eu
for name in HOMEWATCH_DATA_KEY DATABASE_URL LARK_APP_SECRET LARK_VERIFICATION_TOKEN LARK_ENCRYPT_KEY; do
  file=$(eval "printf '%s' \"\${${name}_FILE:-}\"")
  if [ -n "$file" ]; then
    value=$(cat "$file")
    export "$name=$value"
    unset "${name}_FILE"
  fi
done
exec "$@"
