#!/usr/bin/env bash
# `npm test`: every check CI runs — typecheck, lint, formatting, unit and integration tests, the build,
# the e2e tests in the browser harness — inside a D-Bus session with an unlocked throw-away
# GNOME keyring (so the keychain tests talk to a real Secret Service), under a fresh HOME.
# Ends with the runners' counts, the initial renderer JS size (scripts/size.mjs) and the line
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 24 ]; then
  echo "npm test needs Node 24 (this is $(node --version)). Run '. .ci/node24.sh' to put Node 24 on PATH." >&2
  exit 2
fi

if [ -z "${FFS_TEST_SESSION:-}" ]; then
  missing=()
  for tool in dbus-run-session gnome-keyring-daemon "${FFS_CHROMIUM:-/usr/bin/chromium}" pdfinfo pdftotext zbarimg cupsd lp lpadmin openssl; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "npm test needs ${missing[*]}. On Debian or Ubuntu: apt-get install dbus gnome-keyring chromium cups printer-driver-cups-pdf poppler-utils zbar-tools libsecret-1-dev postgresql openssl" >&2
    exit 2
  fi
  export FFS_TEST_SESSION=1
  # npm's cache stays where it was; everything else (keyring, Chromium profile) goes to a throw-away HOME.
  export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
  HOME=$(mktemp -d -t ffs-test-home-XXXXXX)
  export HOME
  unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR GNOME_KEYRING_CONTROL
  exec dbus-run-session -- bash "$0" "$@"
fi

# Inside the session: a keyring unlocked with a password nobody keeps.
head -c 24 /dev/urandom | base64 | tr -d '\n' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
export FFS_KEYCHAIN_TESTS=1
# CUPS with the CUPS-PDF virtual printers the printing tests print to (needs root, as in CI).
bash test/services/start-cups.sh >/dev/null || echo "warning: CUPS could not be started; the printing tests will fail" >&2
# A throw-away PostgreSQL cluster for the workgroup tests (test/services/start-postgres.sh), stopped on exit.
if pg_env=$(bash test/services/start-postgres.sh); then
  while IFS= read -r line; do export "${line?}"; done <<<"$pg_env"
  trap 'bash test/services/start-postgres.sh --stop "$FFS_PG_DIR"' EXIT
else
  echo "warning: PostgreSQL could not be started; the workgroup tests will fail" >&2
fi

out=.test-output
rm -rf "$out/vitest.json" "$out/playwright.json" "$out/size.json" "$out/screenshots"
mkdir -p "$out"
bin=node_modules/.bin
status=0
steps=()
step() {
  local name=$1
  shift
  echo
  echo "=== $name"
  if "$@"; then steps+=("ok      $name"); else steps+=("FAILED  $name"); status=1; fi
}

step typecheck npm run --silent typecheck
step lint npm run --silent lint
step "format (prettier --check)" npm run --silent format:check
step "unit and integration tests (vitest)" "$bin/vitest" run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
step build npm run --silent build
step size npm run --silent size -- --write "$out/size.json"
if [ "$status" -eq 0 ] || [ -f dist/renderer/index.html ]; then
  step "e2e tests (playwright, browser harness)" env FFS_PLAYWRIGHT_JSON="$out/playwright.json" "$bin/playwright" test
fi

echo
echo "=== summary"
printf '%s\n' "${steps[@]}"
node test/summarize.mjs "$out/vitest.json" "$out/playwright.json" "$out/size.json" || status=1
exit "$status"
