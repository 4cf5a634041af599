#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the workgroup tests and benchmarks (issue 18):
# Debian's postgresql package, a fresh cluster in a temp folder, run as the postgres user, on a
# random free port, listening on 127.0.0.1 only, with TLS (a self-signed certificate made here)
# so the TLS connection settings can be tested against a real server.
#
#   bash test/services/start-postgres.sh          starts one; prints shell lines to eval:
#     FFS_PG_URL=postgres://ffs:<password>@127.0.0.1:<port>/ffs   (a superuser-free owner of db ffs)
#     FFS_PG_ADMIN_URL=postgres://postgres@127.0.0.1:<port>/postgres (trust, to make more databases)
#     FFS_PG_DIR=<cluster folder>  FFS_PG_BIN=<server binaries>  FFS_PG_PORT=<port>
#     FFS_PG_CA=<the server's certificate, for sslmode=verify-full tests>
#   bash test/services/start-postgres.sh --stop <FFS_PG_DIR>   stops it and removes the folder
#
# Needs root (CI and the dev container run as root; the server itself runs as postgres) or the
# postgres user. test/run-all.sh starts one for `npm test` and stops it at the end.
set -euo pipefail
export LC_ALL=C

die() { echo "start-postgres.sh: $*" >&2; exit 1; }

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/pg_ctl" ] && bin=$candidate
done
[ -n "$bin" ] || die "PostgreSQL is not installed (apt-get install postgresql)"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else
    [ "$(id -u)" -eq 0 ] || die "run as root or as the postgres user"
    # runuser keeps no controlling terminal and needs no password (unlike su).
    runuser -u postgres -- "$@"
  fi
}

if [ "${1:-}" = "--stop" ]; then
  dir=${2:?usage: start-postgres.sh --stop <dir>}
  [ -f "$dir/data/PG_VERSION" ] || die "$dir is not a cluster made by this script"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

dir=$(mktemp -d -t ffs-postgres-XXXXXX)
chmod 0755 "$dir"
chown postgres: "$dir" 2>/dev/null || true

# A free port: ask the kernel for one, then hand it to the server (a race only with another
# program binding the same port in the next instant; pg_ctl then fails and we try again).
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')
printf '%s\n' "$password" >"$dir/pwfile"
chown postgres: "$dir/pwfile" 2>/dev/null || true
as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || die "initdb failed (see $dir/initdb.log)"
rm -f "$dir/pwfile"

# TLS: a self-signed certificate for 127.0.0.1 / localhost.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1 || die "openssl could not make the test certificate"
cp "$dir/data/server.crt" "$dir/ca.crt"
chmod 0644 "$dir/ca.crt"
chown postgres: "$dir/data/server.key" "$dir/data/server.crt" 2>/dev/null || true
chmod 0600 "$dir/data/server.key"

# Password login over TCP for everyone but postgres (trust from 127.0.0.1 for the admin URL,
# which only tests use to make databases); TLS allowed, not forced (tests choose sslmode).
cat >"$dir/data/pg_hba.conf" <<'EOF'
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
EOF

started=""
for _ in 1 2 3 4 5; do
  port=$(free_port)
  if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c ssl=on -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    started=$port
    break
  fi
done
[ -n "$started" ] || die "the server did not start (see $dir/server.log)"

psql_admin() { as_postgres "$bin/psql" -h "$dir" -p "$started" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_admin -c "CREATE ROLE ffs LOGIN PASSWORD '$password' CREATEDB" >/dev/null || die "could not create the ffs role"
psql_admin -c "CREATE DATABASE ffs OWNER ffs" >/dev/null || die "could not create the ffs database"

echo "FFS_PG_URL=postgres://ffs:$password@127.0.0.1:$started/ffs"
echo "FFS_PG_ADMIN_URL=postgres://postgres@127.0.0.1:$started/postgres"
echo "FFS_PG_DIR=$dir"
echo "FFS_PG_BIN=$bin"
echo "FFS_PG_PORT=$started"
echo "FFS_PG_CA=$dir/ca.crt"
