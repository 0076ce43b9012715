# shellcheck shell=bash
# Tandem: helpers to make the local backing services available.
#
# Source it from bash (works under `set -euo pipefail`):
#     . "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
#
# Every function is idempotent and prints one short line about what it did on stderr.
# Values a caller needs (a directory, a JAVA_HOME) go to stdout.
#
# Environment knobs (all optional):
#   PGHOST / PGPORT / PGUSER   PostgreSQL to ensure/use            (127.0.0.1 / 5432 / postgres)
#   REDIS_HOST / REDIS_PORT    Redis to ensure                      (127.0.0.1 / 6379)
#   JAVA21_HOME                JDK >= 21 to run Keycloak with       (else discovered)
#   TANDEM_CACHE               cache for the Keycloak distribution  ($HOME/.cache/tandem)
#   TANDEM_KEYCLOAK_VERSION    Keycloak version                     (26.7.3)
#   KEYCLOAK_START_TIMEOUT     seconds start_keycloak waits         (180)

if [ -n "${TANDEM_SERVICES_SH_LOADED:-}" ]; then
  return 0
fi
TANDEM_SERVICES_SH_LOADED=1

TANDEM_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TANDEM_KEYCLOAK_VERSION="${TANDEM_KEYCLOAK_VERSION:-26.7.3}"
# PID of the Keycloak started by start_keycloak (also written to <logfile without .log>.pid).
KEYCLOAK_PID="${KEYCLOAK_PID:-}"

_tandem_log() { printf '[tandem] %s\n' "$*" >&2; }
_tandem_die() { printf '[tandem] ERROR: %s\n' "$*" >&2; return 1; }

# Run a command as root (directly, or through sudo when available).
_tandem_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    _tandem_die "need root (or sudo) to run: $*"
  fi
}

_tandem_apt_install() {
  command -v apt-get >/dev/null 2>&1 || _tandem_die "apt-get not found; install these packages yourself: $*" || return 1
  local out
  out="$(mktemp)" || return 1
  _tandem_log "installing with apt-get: $*"
  if ! { _tandem_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    _tandem_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$out" 2>&1; then
    tail -n 20 "$out" >&2
    rm -f "$out"
    _tandem_die "apt-get install $* failed"
    return 1
  fi
  rm -f "$out"
}

# True when something accepts TCP connections on HOST:PORT.
_tandem_port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

_tandem_is_local_host() {
  case "$1" in
    127.0.0.1 | localhost | ::1 | '') return 0 ;;
    *) return 1 ;;
  esac
}

# tandem_root: the repository root (two levels above this file).
tandem_root() {
  (cd "$TANDEM_LIB_DIR/../.." && pwd)
}

# ---------------------------------------------------------------- PostgreSQL

_tandem_pg_ready() {
  pg_isready -q -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" >/dev/null 2>&1
}

_tandem_pg_psql() {
  # No password prompt ever (-w); PGPASSWORD/.pgpass are honoured if the server asks for one.
  psql -X -q -w -v ON_ERROR_STOP=1 -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" "$@"
}

# Prints "VERSION CLUSTER" of the Debian cluster configured for port $1 (empty if none).
_tandem_pg_cluster_for_port() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters -h 2>/dev/null | awk -v p="$1" '$3 == p { print $1, $2; exit }'
}

# Make host connections from 127.0.0.1/::1 use `trust` (a fresh Debian cluster uses scram-sha-256).
_tandem_pg_trust_local() {
  local ver=$1 cluster=$2 port=$3 hba
  if PGPASSWORD='' psql -X -q -w -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  hba="/etc/postgresql/$ver/$cluster/pg_hba.conf"
  [ -f "$hba" ] || _tandem_die "cannot connect as postgres without a password and $hba does not exist" || return 1
  _tandem_log "setting pg_hba.conf to trust for 127.0.0.1/32 and ::1/128 (dev machine): $hba"
  _tandem_as_root sed -i -E \
    -e 's#^([[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+)[^[:space:]]+#\1trust#' \
    -e 's#^([[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+::1/128[[:space:]]+)[^[:space:]]+#\1trust#' \
    "$hba" || return 1
  # No such lines at all? Put explicit ones first (first matching line wins).
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    _tandem_as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba" || return 1
  fi
  _tandem_as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" reload >&2 || return 1
  for _ in $(seq 1 20); do
    if PGPASSWORD='' psql -X -q -w -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  _tandem_die "still cannot connect to 127.0.0.1:$port as postgres without a password (see $hba)"
}

# ensure_postgres: PostgreSQL answers on ${PGHOST:-127.0.0.1}:${PGPORT:-5432}, starting (or installing) a local
# Debian cluster if needed, with passwordless (trust) local TCP access for user postgres.
ensure_postgres() {
  local host="${PGHOST:-127.0.0.1}" port="${PGPORT:-5432}" found ver cluster started=""
  if command -v pg_isready >/dev/null 2>&1 && _tandem_pg_ready; then
    # Running, but maybe a fresh cluster that asks local TCP clients for a password: fix that too.
    if ! _tandem_pg_psql -d postgres -c 'select 1' >/dev/null 2>&1 && _tandem_is_local_host "$host"; then
      found="$(_tandem_pg_cluster_for_port "$port")"
      if [ -n "$found" ]; then
        read -r ver cluster <<<"$found"
        _tandem_pg_trust_local "$ver" "$cluster" "$port" || return 1
      fi
    fi
    _tandem_log "postgres: already accepting connections on $host:$port"
    return 0
  fi
  _tandem_is_local_host "$host" || _tandem_die "postgres: $host:$port is not reachable and is not local; start it yourself" || return 1

  found="$(_tandem_pg_cluster_for_port "$port")"
  if [ -z "$found" ]; then
    if [ -d /etc/postgresql ] && [ -n "$(ls -A /etc/postgresql 2>/dev/null)" ]; then
      _tandem_die "postgres: a PostgreSQL install exists but no cluster is configured for port $port (see pg_lsclusters)" || return 1
    fi
    _tandem_apt_install postgresql || return 1
    found="$(_tandem_pg_cluster_for_port "$port")"
    [ -n "$found" ] || _tandem_die "postgres: installed, but no cluster listens on port $port (see pg_lsclusters)" || return 1
  fi
  read -r ver cluster <<<"$found"

  if ! _tandem_pg_ready; then
    _tandem_as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$cluster" start >&2 || true
    started=" (started cluster $ver/$cluster)"
  fi
  local deadline=$((SECONDS + 30))
  until _tandem_pg_ready; do
    [ "$SECONDS" -lt "$deadline" ] || _tandem_die "postgres: cluster $ver/$cluster not ready on $host:$port after 30 s" || return 1
    sleep 0.5
  done
  _tandem_pg_trust_local "$ver" "$cluster" "$port" || return 1
  _tandem_log "postgres: ready on $host:$port$started"
}

# ensure_database NAME: create database NAME (owner postgres) if it does not exist.
ensure_database() {
  local name="${1:?usage: ensure_database NAME}" exists
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || _tandem_die "database name must match [A-Za-z_][A-Za-z0-9_]*: $name" || return 1
  exists="$(_tandem_pg_psql -d postgres -tAc "select 1 from pg_database where datname = '$name'")" || {
    _tandem_die "database: cannot query ${PGHOST:-127.0.0.1}:${PGPORT:-5432} as ${PGUSER:-postgres}"
    return 1
  }
  if [ "$exists" = "1" ]; then
    _tandem_log "database: '$name' already exists"
    return 0
  fi
  _tandem_pg_psql -d postgres -c "create database \"$name\" owner postgres" >/dev/null || return 1
  _tandem_log "database: created '$name'"
}

# ---------------------------------------------------------------- Redis

_tandem_redis_ready() {
  [ "$(redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" ping 2>/dev/null)" = "PONG" ]
}

# ensure_redis: Redis answers PONG on ${REDIS_HOST:-127.0.0.1}:${REDIS_PORT:-6379}; starts (or installs) it if not.
ensure_redis() {
  local host="${REDIS_HOST:-127.0.0.1}" port="${REDIS_PORT:-6379}" logfile
  if command -v redis-cli >/dev/null 2>&1 && _tandem_redis_ready; then
    _tandem_log "redis: already answering on $host:$port"
    return 0
  fi
  _tandem_is_local_host "$host" || _tandem_die "redis: $host:$port is not reachable and is not local; start it yourself" || return 1
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    _tandem_apt_install redis-server || return 1
    # The package may have started its own server on 6379 already.
    if _tandem_redis_ready; then
      _tandem_log "redis: installed and answering on $host:$port"
      return 0
    fi
  fi
  logfile=/var/log/redis/ci.log
  [ "$port" = "6379" ] || logfile="/var/log/redis/ci-$port.log"
  _tandem_as_root mkdir -p /var/lib/redis /var/log/redis || return 1
  _tandem_as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no \
    --dir /var/lib/redis --logfile "$logfile" >&2 || return 1
  local deadline=$((SECONDS + 30))
  until _tandem_redis_ready; do
    [ "$SECONDS" -lt "$deadline" ] || _tandem_die "redis: not answering on $host:$port after 30 s (see $logfile)" || return 1
    sleep 0.3
  done
  _tandem_log "redis: started on $host:$port (log $logfile)"
}

# ---------------------------------------------------------------- Chromium

# ensure_chromium: `chromium` is on PATH (installs the Debian package if not).
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    _tandem_log "chromium: $(command -v chromium)"
    return 0
  fi
  _tandem_apt_install chromium || return 1
  command -v chromium >/dev/null 2>&1 || _tandem_die "chromium: installed but not on PATH" || return 1
  _tandem_log "chromium: installed $(command -v chromium)"
}

# ensure_coturn: coturn's `turnserver` is on PATH (installs the Debian package if not). The TURN tests start their own
# turnserver on free ports; the package's system service is not used.
ensure_coturn() {
  if command -v turnserver >/dev/null 2>&1; then
    _tandem_log "coturn: $(command -v turnserver)"
    return 0
  fi
  _tandem_apt_install coturn || return 1
  command -v turnserver >/dev/null 2>&1 || _tandem_die "coturn: installed but turnserver is not on PATH" || return 1
  _tandem_log "coturn: installed $(command -v turnserver)"
}

# ---------------------------------------------------------------- Java

# Major version of the java binary $1 (e.g. 17, 21, 25; 8 for 1.8), empty if it cannot be run.
_tandem_java_major() {
  local line ver
  line="$("$1" -version 2>&1 | grep -m1 -E 'version "' || true)"
  ver="${line#*version \"}"
  ver="${ver%%\"*}"
  [ -n "$line" ] && [ -n "$ver" ] || return 0
  case "$ver" in
    1.*) ver="${ver#1.}" ;;
  esac
  ver="${ver%%[.+-]*}"
  [[ "$ver" =~ ^[0-9]+$ ]] && printf '%s\n' "$ver"
  return 0
}

# find_jdk21: print the JAVA_HOME of a JDK with major version >= 21.
# Uses $JAVA21_HOME when set; else the lowest version >= 21 among /usr/lib/jvm/*, $JAVA_HOME and `java` on PATH.
find_jdk21() {
  local major
  if [ -n "${JAVA21_HOME:-}" ]; then
    [ -x "$JAVA21_HOME/bin/java" ] || _tandem_die "JAVA21_HOME=$JAVA21_HOME has no bin/java" || return 1
    major="$(_tandem_java_major "$JAVA21_HOME/bin/java")"
    [ -n "$major" ] && [ "$major" -ge 21 ] ||
      _tandem_die "JAVA21_HOME=$JAVA21_HOME is Java ${major:-?}, need >= 21" || return 1
    _tandem_log "jdk: Java $major from JAVA21_HOME ($JAVA21_HOME)"
    printf '%s\n' "$JAVA21_HOME"
    return 0
  fi

  local candidates=() d home best="" best_major=""
  for d in /usr/lib/jvm/*/; do
    if [ -x "${d}bin/java" ]; then
      candidates+=("${d%/}")
    fi
  done
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    candidates+=("$JAVA_HOME")
  fi
  if command -v java >/dev/null 2>&1; then
    home="$(readlink -f "$(command -v java)")"
    candidates+=("$(dirname "$(dirname "$home")")")
  fi
  for home in "${candidates[@]+"${candidates[@]}"}"; do
    major="$(_tandem_java_major "$home/bin/java")"
    if [ -z "$major" ] || [ "$major" -lt 21 ]; then
      continue
    fi
    if [ -z "$best" ] || [ "$major" -lt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  [ -n "$best" ] || _tandem_die "no JDK >= 21 found (looked in /usr/lib/jvm, JAVA_HOME and PATH); install one or set JAVA21_HOME" || return 1
  _tandem_log "jdk: Java $best_major at $best"
  printf '%s\n' "$best"
}

# ---------------------------------------------------------------- Keycloak

# ensure_keycloak_dist: unpack org.keycloak:keycloak-quarkus-dist:$TANDEM_KEYCLOAK_VERSION (zip, fetched from
# Maven Central through ./mvnw) once into ${TANDEM_CACHE:-$HOME/.cache/tandem}/keycloak-<version>; print that dir.
ensure_keycloak_dist() {
  local version="$TANDEM_KEYCLOAK_VERSION" cache dist root tmp zip lockfd
  cache="${TANDEM_CACHE:-$HOME/.cache/tandem}"
  dist="$cache/keycloak-$version"
  if [ -f "$dist/.tandem-unpacked" ]; then
    _tandem_log "keycloak: distribution cached at $dist"
    printf '%s\n' "$dist"
    return 0
  fi
  root="$(tandem_root)"
  mkdir -p "$cache" || return 1
  # Serialise concurrent first runs (bin/run and .ci/run at the same time).
  if command -v flock >/dev/null 2>&1; then
    exec {lockfd}>"$cache/.keycloak-$version.lock"
    flock "$lockfd"
    if [ -f "$dist/.tandem-unpacked" ]; then
      exec {lockfd}>&-
      _tandem_log "keycloak: distribution cached at $dist"
      printf '%s\n' "$dist"
      return 0
    fi
  fi
  tmp="$(mktemp -d "$cache/.keycloak-$version.XXXXXX")" || return 1
  # Run Maven from an empty directory so a (possibly half-written) pom.xml is never read.
  # The zip lands in ~/.m2 too, so later unpacks (e.g. another TANDEM_CACHE) need no download.
  if ! (cd "$tmp" && "$root/mvnw" -N -q -B \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    "-Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip" \
    -DoutputDirectory="$tmp" >&2); then
    rm -rf "$tmp"
    [ -z "${lockfd:-}" ] || exec {lockfd}>&-
    _tandem_die "keycloak: could not fetch org.keycloak:keycloak-quarkus-dist:$version:zip with $root/mvnw"
    return 1
  fi
  zip="$tmp/keycloak-quarkus-dist-$version.zip"
  if ! unzip -q "$zip" -d "$tmp" || [ ! -x "$tmp/keycloak-$version/bin/kc.sh" ]; then
    rm -rf "$tmp"
    [ -z "${lockfd:-}" ] || exec {lockfd}>&-
    _tandem_die "keycloak: could not unpack $zip"
    return 1
  fi
  rm -rf "$dist"
  if ! mv "$tmp/keycloak-$version" "$dist" || ! touch "$dist/.tandem-unpacked"; then
    rm -rf "$tmp"
    [ -z "${lockfd:-}" ] || exec {lockfd}>&-
    _tandem_die "keycloak: could not move the distribution into $dist"
    return 1
  fi
  rm -rf "$tmp"
  [ -z "${lockfd:-}" ] || exec {lockfd}>&-
  _tandem_log "keycloak: downloaded and unpacked $version into $dist"
  printf '%s\n' "$dist"
}

# start_keycloak PORT LOGFILE: start Keycloak (start-dev, in-memory H2) on PORT with the repo's realm
# config/keycloak/tandem-realm.json, wait until realm `tandem` answers, set KEYCLOAK_PID and write it to
# <LOGFILE without .log>.pid. Call it directly, not in $(...), so KEYCLOAK_PID reaches the caller.
# The database is in memory, so every start imports the realm file afresh: the file is always the truth.
# --hostname pins the issuer to http://localhost:PORT/realms/tandem, also for tokens fetched via 127.0.0.1.
# Themes come from the repo's config/keycloak/themes (the realm's login theme "tandem"), read in place.
start_keycloak() {
  local port="${1:?usage: start_keycloak PORT LOGFILE}" log="${2:?usage: start_keycloak PORT LOGFILE}"
  local root dist jdk realm url pid pidfile timeout="${KEYCLOAK_START_TIMEOUT:-180}" started=$SECONDS
  root="$(tandem_root)"
  realm="$root/config/keycloak/tandem-realm.json"
  [ -f "$realm" ] || _tandem_die "keycloak: realm file missing: $realm" || return 1
  url="http://localhost:$port/realms/tandem/.well-known/openid-configuration"
  if _tandem_port_open 127.0.0.1 "$port"; then
    _tandem_die "keycloak: port $port is already in use (another Keycloak? stop it or pick another port)"
    return 1
  fi
  dist="$(ensure_keycloak_dist)" || return 1
  jdk="$(find_jdk21)" || return 1

  mkdir -p "$dist/data/import" "$(dirname "$log")" || return 1
  # Atomic replace: another Keycloak started from this dist may be reading the import dir right now.
  cp "$realm" "$dist/data/import/.tandem-realm.json.$$" &&
    mv -f "$dist/data/import/.tandem-realm.json.$$" "$dist/data/import/tandem-realm.json" || return 1
  # Left over by an older (dev-file) start; harmless but stale.
  rm -rf "$dist/data/h2"

  pidfile="${log%.log}.pid"
  [ "$pidfile" != "$log" ] || pidfile="$log.pid"
  JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" \
    KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}" \
    "$dist/bin/kc.sh" start-dev --http-port="$port" --hostname="http://localhost:$port" --db=dev-mem --import-realm \
    --spi-theme--folder--dir="$root/config/keycloak/themes" \
    </dev/null >"$log" 2>&1 &
  pid=$!
  KEYCLOAK_PID=$pid
  printf '%s\n' "$pid" >"$pidfile"

  local code
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)"
    [ "$code" = "200" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      _tandem_log "keycloak: exited during start-up; last lines of $log:"
      tail -n 40 "$log" >&2 || true
      rm -f "$pidfile"
      KEYCLOAK_PID=""
      return 1
    fi
    if [ $((SECONDS - started)) -ge "$timeout" ]; then
      _tandem_log "keycloak: realm not ready after ${timeout} s; last lines of $log:"
      tail -n 40 "$log" >&2 || true
      stop_pid "$pid" || true
      rm -f "$pidfile"
      KEYCLOAK_PID=""
      return 1
    fi
    sleep 1
  done
  _tandem_log "keycloak: ready on http://localhost:$port (pid $pid, $((SECONDS - started)) s, log $log)"
}

# warm_keycloak: the first start-dev from a freshly unpacked distribution first augments (builds) Keycloak for the
# options start_keycloak passes (about 90 s on two cores); later starts reuse that build. Start it once here, outside
# any test's timeout, stop it, and mark the distribution. Port ${TANDEM_KEYCLOAK_WARM_PORT:-18480}, log in the cache.
warm_keycloak() {
  local dist port log
  dist="$(ensure_keycloak_dist)" || return 1
  if [ -f "$dist/.tandem-warmed" ]; then
    _tandem_log "keycloak: already built for start-dev in $dist"
    return 0
  fi
  port="${TANDEM_KEYCLOAK_WARM_PORT:-18480}"
  log="$dist/warm-up.log"
  start_keycloak "$port" "$log" >&2 || return 1
  stop_pid "$KEYCLOAK_PID" >&2 || true
  rm -f "${log%.log}.pid"
  touch "$dist/.tandem-warmed"
  _tandem_log "keycloak: built for start-dev once; later starts skip it"
}

# PIDs of all descendants of $1 (children first-level first), one per line.
_tandem_descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null || true); do
    printf '%s\n' "$child"
    _tandem_descendants "$child"
  done
}

# stop_pid PID: SIGTERM, wait up to 20 s, then SIGKILL (PID and anything it started, e.g. kc.sh's java).
# No-op when PID is empty or already gone.
stop_pid() {
  local pid="${1:-}" kids
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    _tandem_log "stop: ${pid:-<none>} not running"
    return 0
  fi
  kids="$(_tandem_descendants "$pid")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      _tandem_log "stop: $pid ended after SIGTERM"
      return 0
    fi
    sleep 0.5
  done
  # shellcheck disable=SC2086 # word splitting of the PID list is intended
  kill -KILL "$pid" $kids 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  _tandem_log "stop: $pid killed (SIGKILL) after 20 s"
}
