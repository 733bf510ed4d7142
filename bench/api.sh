#!/usr/bin/env bash
# Forkcast API benchmark: GET /api/v1/tenants/{id} with a tenant's API key, on the postgres profile
# (PostgreSQL + Redis), measured with wrk; then, in the same run, the same load on a peer (a Node replica of the
# endpoint) for a ratio that the load of this shared machine affects less than the raw figures.
#
# Run from the repository root:  bench/api.sh
#
# It installs wrk if missing, makes sure PostgreSQL and Redis answer (starting them if not), builds the
# executable jar unless a fresh one exists, recreates the database forkcast_bench, starts the application on a
# free port, creates a tenant and an API key, warms up, measures (requests/s, latency, and the server's CPU time
# per request read from /proc before and after the measured window), stops the application, runs the peer the
# same way when there is one, prints a summary compared against the targets, and stops everything it started. Output (application log, wrk reports, summary) goes to bench/out/; the
# database forkcast_bench is left in place for inspection (the next run recreates it).
#
# Environment (all optional):
#   DURATION=30s       measured run (wrk -d: 30, 30s, 2m ...)
#   WARMUP=30s         warm-up run before it; 0 skips the warm-up (after 10 s the JIT compilers were still at work
#                      on the request path during the first seconds of the measured run, on a 2-core machine)
#   CONNECTIONS=100    open connections (wrk -c)
#   THREADS=2          wrk threads (wrk -t)
#   PORT=18080         port to try first for the application; the next free one is used if it is taken
#   SKIP_BUILD=1       use the jar in target/ as it is, do not run Maven
#   JAR=<file>         run this executable jar instead (another build's, to compare two in the same time window)
#   READY_TIMEOUT=90   seconds to wait for the application to be ready
#   JVM_OPTS="..."     JVM flags (default: -Xms512m -Xmx1g -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError)
#   KEEP_SERVICES=1    leave PostgreSQL / Redis running if this script had to start them
#   PEER=<dir>         the peer to run after Forkcast (default ../shared/peers/node-seed when it exists, relative
#                      to the repository root); PEER=none skips it. Needs node and npm; it is copied to
#                      bench/out/peer (its npm dependencies are installed there) and reads database
#                      forkcast_bench_peer, created afresh.
#
# Exit status: 0 when the run completed, whether or not the targets were met; non-zero when it could not run.
set -euo pipefail
# Decimal points in figures, whatever the caller's locale (bash's printf %f and awk depend on it).
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/bench/out

DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-100}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
SKIP_BUILD=${SKIP_BUILD:-0}
READY_TIMEOUT=${READY_TIMEOUT:-90}
JVM_OPTS=${JVM_OPTS:--Xms512m -Xmx1g -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError}
KEEP_SERVICES=${KEEP_SERVICES:-0}

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
DB_NAME=forkcast_bench
# A plan added for the run through Spring's relaxed binding (forkcast.tenancy.plans.bench.*), with a limit far
# above what the run can reach, so that the rate limiter is exercised (one Redis call per request) but never
# refuses.
BENCH_PLAN=bench
BENCH_CALLS_PER_HOUR=1000000000
BENCH_POSTS_PER_DAY=1000

PEER=${PEER:-}
if [[ -z $PEER && -d $ROOT/../shared/peers/node-seed ]]; then
    PEER=$ROOT/../shared/peers/node-seed
fi
[[ $PEER == none ]] && PEER=""
PEER_DB=forkcast_bench_peer

# Targets the summary is compared against: requests/s at least TARGET_PEER_RATIO x the peer's in the same run
# (without a peer, at least TARGET_RPS).
TARGET_PEER_RATIO=2
TARGET_RPS=6600
TARGET_P99_MS=25

APP_PID=""
PEER_PID=""
WRK_PID=""
STARTED_REDIS=0
STARTED_PG_VERSION=""

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench/api.sh: error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed${2:+ ($2)}"; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

cleanup() {
    local status=$?
    set +e
    if [[ -n $WRK_PID ]] && kill -0 "$WRK_PID" 2>/dev/null; then
        kill -TERM "$WRK_PID"
        wait "$WRK_PID" 2>/dev/null
    fi
    stop_app
    stop_peer
    if [[ $KEEP_SERVICES != 1 ]]; then
        if [[ $STARTED_REDIS == 1 ]]; then
            log "Stopping Redis (started by this script)"
            redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
        fi
        if [[ -n $STARTED_PG_VERSION ]]; then
            log "Stopping PostgreSQL $STARTED_PG_VERSION (started by this script)"
            as_root pg_ctlcluster --skip-systemctl-redirect "$STARTED_PG_VERSION" main stop
        fi
    fi
    exit "$status"
}
stop_app() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        log "Stopping the application (pid $APP_PID)"
        kill -TERM "$APP_PID" || true
        # Graceful shutdown may take up to spring.lifecycle.timeout-per-shutdown-phase (20 s); then insist.
        for _ in $(seq 1 30); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 1
        done
        kill -KILL "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}

stop_peer() {
    if [[ -n $PEER_PID ]] && kill -0 "$PEER_PID" 2>/dev/null; then
        log "Stopping the peer (pid $PEER_PID)"
        # The cluster's primary stops its workers when it ends.
        kill -TERM "$PEER_PID" || true
        wait "$PEER_PID" 2>/dev/null || true
    fi
    PEER_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints a top-level field of the JSON object read from stdin; fails if it is absent or null.
json_get() {
    if command -v jq >/dev/null 2>&1; then
        jq -er --arg field "$1" '.[$field]'
    else
        python3 -c 'import json, sys
value = json.load(sys.stdin).get(sys.argv[1])
if value is None:
    sys.exit(1)
print(value)' "$1"
    fi
}

# "30" or "30s" -> "30 s" for the summary; other wrk durations ("2m") are shown as given.
duration_label() {
    if [[ $1 =~ ^([0-9]+)s?$ ]]; then echo "${BASH_REMATCH[1]} s"; else echo "$1"; fi
}

# ---------------------------------------------------------------------------------------------------------------
# 1. Tools and services
# ---------------------------------------------------------------------------------------------------------------

# Shown in the summary: other work on the machine (builds, tests) weighs on the figures.
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

[[ $CONNECTIONS =~ ^[0-9]+$ && $THREADS =~ ^[0-9]+$ ]] || die "CONNECTIONS and THREADS must be numbers"
(( CONNECTIONS >= THREADS )) || die "CONNECTIONS ($CONNECTIONS) must be at least THREADS ($THREADS)"

if ! command -v wrk >/dev/null 2>&1; then
    log "Installing wrk"
    # The package lists may be missing (fresh container): update them only if the plain install fails.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk \
        || { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
fi
need wrk
need curl
need psql "PostgreSQL client"
need redis-cli "Redis tools"
command -v jq >/dev/null 2>&1 || need python3 "or jq, to read JSON"

source bench/lib.sh
postgres_answers() { psql_admin -Atc 'select 1' >/dev/null 2>&1; }
redis_answers() { [[ $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

# wait_for SECONDS WHAT COMMAND...: retries COMMAND once a second until it succeeds.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        (( SECONDS < deadline )) || die "$what does not answer after ${seconds}s"
        sleep 1
    done
}

if ! postgres_answers; then
    # Several clusters may be installed; the newest version is the one to use.
    STARTED_PG_VERSION=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n $STARTED_PG_VERSION ]] || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT and none is installed"
    log "Starting PostgreSQL $STARTED_PG_VERSION"
    as_root pg_ctlcluster --skip-systemctl-redirect "$STARTED_PG_VERSION" main start
    wait_for 30 "PostgreSQL ($PG_HOST:$PG_PORT, user postgres)" postgres_answers
fi

if ! redis_answers; then
    need redis-server
    log "Starting Redis"
    # Throwaway instance: no persistence, so it leaves no dump file behind.
    redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
    STARTED_REDIS=1
    wait_for 10 "Redis ($REDIS_HOST:$REDIS_PORT)" redis_answers
fi

# ---------------------------------------------------------------------------------------------------------------
# 2. Jar, database, application
# ---------------------------------------------------------------------------------------------------------------

JAVA=$(find_java) || die "no JDK >= 21 found (set JAVA_HOME, or install one under /usr/lib/jvm)"


if [[ -n ${JAR:-} ]]; then
    [[ -f $JAR ]] || die "JAR=$JAR is not a file"
    JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
    SKIP_BUILD=1
else
    JAR=$(newest_jar)
fi
if [[ $SKIP_BUILD == 1 ]]; then
    [[ -n $JAR ]] || die "SKIP_BUILD=1 but there is no jar in target/"
elif [[ -z $JAR || -n $(find pom.xml src/main -newer "$JAR" -print -quit) ]]; then
    log "Building the jar (mvn -q -B -DskipTests package, output in bench/out/build.log)"
    need mvn
    mkdir -p "$OUT"
    mvn -q -B -DskipTests package >"$OUT/build.log" 2>&1 || { tail -n 50 "$OUT/build.log" >&2; die "the build failed"; }
    JAR=$(newest_jar)
    [[ -n $JAR ]] || die "the build produced no jar in target/"
else
    log "Using $JAR (newer than pom.xml and src/main)"
fi
[[ $JAR == /* ]] || JAR=$ROOT/$JAR

log "Recreating database $DB_NAME"
# FORCE closes connections left over by an earlier, interrupted run.
psql_admin -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME"

port=$(free_port "$PORT")
BASE=http://127.0.0.1:$port

# Random, at least 24 characters (the application refuses shorter admin tokens).
ADMIN_TOKEN=bench_$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')

mkdir -p "$OUT"
APP_LOG=$OUT/app.log
read -r -a jvm_opts <<<"$JVM_OPTS"
log "Starting the application on port $port with $JAVA ($(java_major "$JAVA")), log in ${APP_LOG#"$ROOT"/}"
(
    # Anything the application writes relative to its working directory (./data) stays under bench/out.
    cd "$OUT"
    export SPRING_PROFILES_ACTIVE=postgres
    export SERVER_PORT=$port
    export SPRING_DATASOURCE_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME
    export FORKCAST_QUOTA_REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT
    export FORKCAST_TENANCY_ADMIN_TOKEN=$ADMIN_TOKEN
    export FORKCAST_TENANCY_PLANS_${BENCH_PLAN^^}_APICALLSPERHOUR=$BENCH_CALLS_PER_HOUR
    export FORKCAST_TENANCY_PLANS_${BENCH_PLAN^^}_POSTSPERDAY=$BENCH_POSTS_PER_DAY
    exec "$JAVA" "${jvm_opts[@]}" -jar "$JAR"
) >"$APP_LOG" 2>&1 &
APP_PID=$!

app_failed() {
    printf 'bench/api.sh: error: %s; last lines of %s:\n' "$1" "$APP_LOG" >&2
    tail -n 40 "$APP_LOG" >&2
    exit 1
}

# Readiness covers the database and the rate-limit store; UP (not DEGRADED) means Redis is in use.
deadline=$((SECONDS + READY_TIMEOUT))
until [[ $(curl -s --max-time 2 "$BASE/actuator/health/readiness" 2>/dev/null | json_get status 2>/dev/null) == UP ]]; do
    kill -0 "$APP_PID" 2>/dev/null || app_failed "the application exited during startup"
    (( SECONDS < deadline )) || app_failed "the application is not ready (UP) after ${READY_TIMEOUT}s"
    sleep 1
done
log "Application ready"

# ---------------------------------------------------------------------------------------------------------------
# 3. A tenant on the bench plan and its API key
# ---------------------------------------------------------------------------------------------------------------

# api METHOD PATH TOKEN [JSON]: prints the response body; fails unless the status is 2xx. A cold JVM on a loaded
# machine may take tens of seconds over its first calls, hence the generous time-out.
api() {
    local method=$1 path=$2 token=$3 body=${4:-} response status
    local args=(-sS --max-time 60 -X "$method" -H "Authorization: Bearer $token" -w '\n%{http_code}')
    if [[ -n $body ]]; then
        args+=(-H 'Content-Type: application/json' --data "$body")
    fi
    response=$(curl "${args[@]}" "$BASE$path")
    status=${response##*$'\n'}
    response=${response%$'\n'*}
    [[ $status == 2?? ]] || die "$method $path answered $status: $response"
    printf '%s\n' "$response"
}

TENANT_ID=$(api POST /api/v1/tenants "$ADMIN_TOKEN" \
    "{\"name\":\"Bench Bistro\",\"email\":\"bench@example.com\",\"plan\":\"$BENCH_PLAN\"}" | json_get id) \
    || die "could not create the tenant"
API_KEY=$(api POST "/api/v1/tenants/$TENANT_ID/api-keys" "$ADMIN_TOKEN" '{"name":"bench"}' | json_get key) \
    || die "could not create the API key"
URL=$BASE/api/v1/tenants/$TENANT_ID

# One call with the key, to check that it works and that the bench plan's limit is the one applied.
limit=$(curl -sS --max-time 60 -o /dev/null -D - -H "Authorization: Bearer $API_KEY" "$URL" \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "ratelimit-limit" { print $2 }')
[[ $limit == "$BENCH_CALLS_PER_HOUR" ]] \
    || die "expected RateLimit-Limit $BENCH_CALLS_PER_HOUR on GET $URL with the API key, got '${limit}'"
log "Tenant $TENANT_ID on plan $BENCH_PLAN ($BENCH_CALLS_PER_HOUR calls/hour)"

# ---------------------------------------------------------------------------------------------------------------
# 4. Warm-up and measured run
# ---------------------------------------------------------------------------------------------------------------

# run_wrk REPORT URL KEY [wrk flags...]: wrk runs in the background and is waited for, so that an interrupt
# reaches the traps at once.
run_wrk() {
    local report=$1 url=$2 key=$3
    shift 3
    wrk -t"$THREADS" -c"$CONNECTIONS" -H "Authorization: Bearer $key" "$@" "$url" >"$report" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || { cat "$report" >&2; die "wrk failed"; }
    WRK_PID=""
}

# CPU time (user + system) in microseconds of the given processes, from /proc (in clock ticks, usually 10 ms:
# a 30 s run adds up thousands of them).
CLOCK_TICKS=$(getconf CLK_TCK)
cpu_micros() {
    local pid total=0 ticks
    for pid in "$@"; do
        # Fields 14 and 15 after the command name, which is in parentheses and may hold spaces.
        ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || ticks=0
        total=$((total + ${ticks:-0}))
    done
    echo $((total * 1000000 / CLOCK_TICKS))
}

# The BENCH_* lines printed by report.lua's done(): figure REPORT NAME.
figure() {
    local value
    value=$(awk -F= -v key="BENCH_$2" '$1 == key { print $2 }' "$1")
    [[ -n $value ]] || die "wrk reported no $2 (see ${1#"$ROOT"/})"
    echo "$value"
}

if [[ ! $WARMUP =~ ^0+s?$ ]]; then
    log "Warm-up: $CONNECTIONS connections, $(duration_label "$WARMUP")"
    run_wrk "$OUT/wrk-warmup.txt" "$URL" "$API_KEY" -d"$WARMUP"
fi

log_offset=$(wc -c <"$APP_LOG")
log "Measuring: $CONNECTIONS connections, $(duration_label "$DURATION")"
LOAD_AT_RUN=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
cpu_before=$(cpu_micros "$APP_PID")
run_wrk "$OUT/wrk.txt" "$URL" "$API_KEY" -d"$DURATION" --latency -s "$ROOT/bench/report.lua"
cpu_after=$(cpu_micros "$APP_PID")
kill -0 "$APP_PID" 2>/dev/null || app_failed "the application died during the run"
grep -v '^BENCH_' "$OUT/wrk.txt"

RPS=$(figure "$OUT/wrk.txt" RPS)
AVG=$(figure "$OUT/wrk.txt" LATENCY_AVG_MS)
P50=$(figure "$OUT/wrk.txt" LATENCY_P50_MS)
P99=$(figure "$OUT/wrk.txt" LATENCY_P99_MS)
NON_2XX=$(figure "$OUT/wrk.txt" NON_2XX)
SOCKET_ERRORS=$(figure "$OUT/wrk.txt" SOCKET_ERRORS)
REQUESTS=$(figure "$OUT/wrk.txt" REQUESTS)
CPU_US=$(awk -v c=$((cpu_after - cpu_before)) -v n="$REQUESTS" 'BEGIN { printf "%.1f", (n > 0 ? c / n : 0) }')

# When a Redis call takes longer than forkcast.quota.redis-timeout, the application falls back to in-memory
# buckets until a retry succeeds (forkcast.quota.redis-retry-interval later), logging it once per episode: the
# run then measures less than the full PostgreSQL + Redis path. There is no metric for it, hence the log message.
REDIS_FALLBACKS=$(tail -c +"$((log_offset + 1))" "$APP_LOG" | grep -c 'Redis does not answer' || true)

# ---------------------------------------------------------------------------------------------------------------
# 5. The peer, under the same load, right after
# ---------------------------------------------------------------------------------------------------------------

stop_app
PEER_RPS=""
if [[ -n $PEER ]]; then
    [[ -f $PEER/server.js && -f $PEER/setup.sql ]] || die "PEER=$PEER has no server.js and setup.sql"
    need node "to run the peer; PEER=none skips it"
    need npm "to install the peer's dependencies; PEER=none skips it"
    PEER_DIR=$OUT/peer
    mkdir -p "$PEER_DIR"
    # A copy, so that its npm dependencies can be installed whatever the permissions of the original.
    cp "$PEER/server.js" "$PEER/setup.sql" "$PEER/package.json" "$PEER_DIR/"
    if [[ ! -d $PEER_DIR/node_modules ]]; then
        log "Installing the peer's npm dependencies (once, in ${PEER_DIR#"$ROOT"/})"
        (cd "$PEER_DIR" && npm install --silent --no-audit --no-fund) >"$OUT/peer-npm.log" 2>&1 \
            || { tail -n 20 "$OUT/peer-npm.log" >&2; die "npm install failed for the peer"; }
    fi
    psql_admin -c "DROP DATABASE IF EXISTS $PEER_DB WITH (FORCE)" -c "CREATE DATABASE $PEER_DB"
    PGOPTIONS='-c client_min_messages=warning' psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$PEER_DB" -X -q \
        -v ON_ERROR_STOP=1 -f "$PEER_DIR/setup.sql"
    peer_port=$(free_port "$PORT")
    log "Starting the peer ($PEER) on port $peer_port"
    (cd "$PEER_DIR" && PORT=$peer_port PGDATABASE=$PEER_DB exec node server.js) >"$OUT/peer.log" 2>&1 &
    PEER_PID=$!
    PEER_URL=http://127.0.0.1:$peer_port/api/v1/tenants/6f1c2a52-5f44-4c55-9a55-6a0c1f0e9b01
    PEER_KEY=peer-bench-key
    deadline=$((SECONDS + 30))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $PEER_KEY" "$PEER_URL") == 200 ]]; do
        kill -0 "$PEER_PID" 2>/dev/null || { tail -n 20 "$OUT/peer.log" >&2; die "the peer exited"; }
        (( SECONDS < deadline )) || die "the peer does not answer 200 after 30 s (see bench/out/peer.log)"
        sleep 1
    done
    peer_processes() { echo "$PEER_PID" $(pgrep -P "$PEER_PID" || true); }
    if [[ ! $WARMUP =~ ^0+s?$ ]]; then
        log "Peer warm-up: $CONNECTIONS connections, $(duration_label "$WARMUP")"
        run_wrk "$OUT/wrk-peer-warmup.txt" "$PEER_URL" "$PEER_KEY" -d"$WARMUP"
    fi
    log "Measuring the peer: $CONNECTIONS connections, $(duration_label "$DURATION")"
    PEER_LOAD_AT_RUN=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
    peer_pids=$(peer_processes)
    # shellcheck disable=SC2086 # one argument per process id
    peer_cpu_before=$(cpu_micros $peer_pids)
    run_wrk "$OUT/wrk-peer.txt" "$PEER_URL" "$PEER_KEY" -d"$DURATION" --latency -s "$ROOT/bench/report.lua"
    # shellcheck disable=SC2086
    peer_cpu_after=$(cpu_micros $peer_pids)
    stop_peer
    PEER_RPS=$(figure "$OUT/wrk-peer.txt" RPS)
    PEER_P99=$(figure "$OUT/wrk-peer.txt" LATENCY_P99_MS)
    PEER_ERRORS=$(( $(figure "$OUT/wrk-peer.txt" NON_2XX) + $(figure "$OUT/wrk-peer.txt" SOCKET_ERRORS) ))
    PEER_CPU_US=$(awk -v c=$((peer_cpu_after - peer_cpu_before)) -v n="$(figure "$OUT/wrk-peer.txt" REQUESTS)" \
        'BEGIN { printf "%.1f", (n > 0 ? c / n : 0) }')
fi

# ---------------------------------------------------------------------------------------------------------------
# 6. Summary
# ---------------------------------------------------------------------------------------------------------------

# verdict ACTUAL OP TARGET: PASS or MISS (decimal comparison, hence awk).
verdict() {
    if awk -v a="$1" -v op="$2" -v t="$3" 'BEGIN { exit !(op == ">=" ? a >= t : op == "<=" ? a <= t : a == t) }'
    then echo PASS; else echo MISS; fi
}

{
    echo
    echo "forkcast bench: GET /api/v1/tenants/{id}, $CONNECTIONS connections, $(duration_label "$DURATION"), postgres profile (PostgreSQL + Redis)"
    echo "host: $(nproc) CPUs, load average when the script started: $LOAD_AT_START; java: $JAVA"
    echo "load average when the measured run started: $LOAD_AT_RUN"
    printf 'requests/s: %.1f\n' "$RPS"
    printf 'latency avg: %.1f ms   p50: %.1f ms   p99: %.1f ms\n' "$AVG" "$P50" "$P99"
    echo "non-2xx: $NON_2XX   socket errors: $SOCKET_ERRORS"
    echo "server CPU per request: $CPU_US us (user + system, whole JVM)"
    if [[ -n $PEER_RPS ]]; then
        echo
        echo "peer ($PEER), same load right after; load average when its run started: $PEER_LOAD_AT_RUN"
        printf 'peer requests/s: %.1f   p99: %.1f ms   errors: %d   CPU per request: %s us (all its processes)\n' \
            "$PEER_RPS" "$PEER_P99" "$PEER_ERRORS" "$PEER_CPU_US"
        RATIO=$(awk -v a="$RPS" -v b="$PEER_RPS" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        CPU_RATIO=$(awk -v a="$CPU_US" -v b="$PEER_CPU_US" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        echo "forkcast / peer: requests/s x $RATIO   CPU per request x $CPU_RATIO"
    fi
    if (( REDIS_FALLBACKS > 0 )); then
        echo "note: Redis timed out during the run and rate limits fell back to in-memory buckets" \
            "($REDIS_FALLBACKS episode(s), see bench/out/app.log)"
    fi
    echo
    echo "targets:"
    if [[ -n $PEER_RPS ]]; then
        printf '  %-22s %-12s %s\n' "requests/s >= ${TARGET_PEER_RATIO} x peer" "x $RATIO" \
            "$(verdict "$RATIO" '>=' "$TARGET_PEER_RATIO")"
    else
        printf '  %-22s %-12s %s\n' "requests/s >= $TARGET_RPS" "$(printf '%.1f' "$RPS")" "$(verdict "$RPS" '>=' "$TARGET_RPS")"
    fi
    printf '  %-22s %-12s %s\n' "p99 <= $TARGET_P99_MS ms" "$(printf '%.1f ms' "$P99")" "$(verdict "$P99" '<=' "$TARGET_P99_MS")"
    printf '  %-22s %-12s %s\n' "errors == 0" "$((NON_2XX + SOCKET_ERRORS))" \
        "$(verdict $((NON_2XX + SOCKET_ERRORS)) '==' 0)"
} | tee "$OUT/summary.txt"
