#!/usr/bin/env bash
# Two Forkcast instances behind nginx on this machine, without Docker: the production topology in miniature.
#
# Run from anywhere:  deploy/local-cluster.sh
#
# Starts two instances of the executable jar on the postgres profile (the local PostgreSQL, database
# forkcast_cluster recreated, and the local Redis), and nginx (Debian's package, installed if missing) with a
# configuration generated from deploy/nginx.conf: only the two upstream addresses and the listening port change.
# Then runs the scenario through the load balancer and prints PASS, FAIL or SKIP per step:
#   1. health through nginx
#   2. create a tenant (basic plan, 100 calls/hour) and an API key
#   3. both instances serve calls (X-Forkcast-Instance)
#   4. the 101st call of the tenant in the hour is refused, whichever instance serves it (budget kept in Redis)
#   5. connect through the sandbox, OAuth state created on one instance and consumed on the other  (SKIP: part 2)
#   6. one instance stops mid-way; the API keeps answering through the other
#   7. scheduled posts, an instance stopped, every post published exactly once                     (SKIP: part 2)
# Everything it started is stopped on exit. Output (instance and nginx logs) goes to deploy/out/.
#
# Environment (all optional):
#   LB_PORT=18280 PORT_A=18281 PORT_B=18282   ports to try first (the next free ones are used if taken)
#   SKIP_BUILD=1        use the jar in target/ as it is
#   READY_TIMEOUT=180   seconds to wait for each instance to be ready
#   REDIS_TIMEOUT=1s    forkcast.quota.redis-timeout for the instances (the default 250ms can be too short on a
#                       loaded laptop; a timeout makes an instance count alone for a while, which step 4 would show)
#   JVM_OPTS="..."      JVM flags of each instance (default: -Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError)
#
# Exit status: 0 when no step failed, 1 when one did, 2 when the cluster could not be started.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/deploy/out

LB_PORT=${LB_PORT:-18280}
PORT_A=${PORT_A:-18281}
PORT_B=${PORT_B:-18282}
SKIP_BUILD=${SKIP_BUILD:-0}
READY_TIMEOUT=${READY_TIMEOUT:-180}
REDIS_TIMEOUT=${REDIS_TIMEOUT:-1s}
JVM_OPTS=${JVM_OPTS:--Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError}
DB_NAME=forkcast_cluster
PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_URL=redis://127.0.0.1:6379
LB=http://127.0.0.1:$LB_PORT

PID_A=""
PID_B=""
NGINX_PID=""
PASSED=0
FAILED=0
SKIPPED=0

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'deploy/local-cluster.sh: error: %s\n' "$*" >&2; exit 2; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }
skip() { SKIPPED=$((SKIPPED + 1)); printf 'SKIP  %s\n' "$*"; }

stop_pid() {
    local pid=$1
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then return 0; fi
    kill -TERM "$pid"
    # Graceful shutdown may take up to 20 s (spring.lifecycle.timeout-per-shutdown-phase); then insist.
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    set +e
    if [[ -n $NGINX_PID ]]; then log "Stopping nginx"; stop_pid "$NGINX_PID"; fi
    if [[ -n $PID_A ]]; then log "Stopping instance a"; stop_pid "$PID_A"; fi
    if [[ -n $PID_B ]]; then log "Stopping instance b"; stop_pid "$PID_B"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools and services -----------------------------------------------------------------------------------------
if ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then
    log "Installing nginx (Debian package)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light \
        || { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in curl psql redis-cli; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
command -v jq >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 || die "jq or python3 is required"

psql_admin() {
    PGCONNECT_TIMEOUT=3 PGOPTIONS='-c client_min_messages=warning' \
        psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 "$@"
}
psql_admin -Atc 'select 1' >/dev/null 2>&1 || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT (user postgres); .ci/run starts it"
[[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]] || die "Redis does not answer on 127.0.0.1:6379; .ci/run starts it"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# The given port, or the next free one above it (other work on the machine may hold it).
free_port() {
    local port=$1
    while port_taken "$port" || [[ " ${TAKEN_PORTS:-} " == *" $port "* ]]; do
        (( port < $1 + 100 )) || die "no free port in $1..$(( $1 + 100 ))"
        port=$((port + 1))
    done
    TAKEN_PORTS="${TAKEN_PORTS:-} $port"
    echo "$port"
}
LB_PORT=$(free_port "$LB_PORT"); TAKEN_PORTS=" $LB_PORT"
PORT_A=$(free_port "$PORT_A"); TAKEN_PORTS="$TAKEN_PORTS $PORT_A"
PORT_B=$(free_port "$PORT_B")
LB=http://127.0.0.1:$LB_PORT

# The major version of a java executable; the newest JDK >= 21 wins (as in bench/api.sh).
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 \
        | awk -F' = ' '$1 ~ /java\.specification\.version$/ { n = split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}
find_java() {
    local candidate major best="" best_major=0
    for candidate in ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/*/bin/java $(command -v java || true); do
        [[ -x $candidate ]] || continue
        major=$(java_major "$candidate" || true)
        if (( ${major:-0} >= 21 && ${major:-0} > best_major )); then best=$candidate; best_major=$major; fi
    done
    [[ -n $best ]] && echo "$best"
}
JAVA=$(find_java) || die "no JDK >= 21 found"

newest_jar() { ls -t target/*.jar 2>/dev/null | head -n 1 || true; }
JAR=$(newest_jar)
mkdir -p "$OUT"
if [[ $SKIP_BUILD != 1 ]] && [[ -z $JAR || -n $(find pom.xml src/main -newer "$JAR" -print -quit) ]]; then
    log "Building the jar (mvn -q -B -DskipTests package, output in deploy/out/build.log)"
    mvn -q -B -DskipTests package >"$OUT/build.log" 2>&1 || { tail -n 40 "$OUT/build.log" >&2; die "the build failed"; }
    JAR=$(newest_jar)
fi
[[ -n $JAR ]] || die "no jar in target/"
JAR=$ROOT/$JAR

log "Recreating database $DB_NAME"
psql_admin -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME"

# --- two instances ----------------------------------------------------------------------------------------------
ADMIN_TOKEN=cluster_$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')
read -r -a jvm_opts <<<"$JVM_OPTS"

start_instance() {
    local name=$1 port=$2
    mkdir -p "$OUT/instance-$name"
    (
        cd "$OUT/instance-$name"
        export SPRING_PROFILES_ACTIVE=postgres
        export SERVER_PORT=$port
        export SPRING_DATASOURCE_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME
        export FORKCAST_QUOTA_REDIS_URL=$REDIS_URL
        export FORKCAST_QUOTA_REDIS_TIMEOUT=$REDIS_TIMEOUT
        export FORKCAST_TENANCY_ADMIN_TOKEN=$ADMIN_TOKEN
        export FORKCAST_TENANCY_GENERATE_ADMIN_TOKEN=false
        export FORKCAST_INSTANCE_ID=instance-$name
        export FORKCAST_PUBLIC_BASE_URL=$LB
        exec "$JAVA" "${jvm_opts[@]}" -jar "$JAR"
    ) >"$OUT/instance-$name.log" 2>&1 &
    echo $!
}

json_get() {
    if command -v jq >/dev/null 2>&1; then
        jq -er --arg field "$1" '.[$field]'
    else
        python3 -c 'import json, sys
value = json.load(sys.stdin).get(sys.argv[1])
sys.exit(1) if value is None else print(value)' "$1"
    fi
}

wait_ready() {
    local name=$1 port=$2 pid=$3 deadline=$((SECONDS + READY_TIMEOUT))
    until [[ $(curl -s --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" | json_get status 2>/dev/null) == UP ]]; do
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$OUT/instance-$name.log" >&2; die "instance $name exited during start-up"; }
        (( SECONDS < deadline )) || { tail -n 30 "$OUT/instance-$name.log" >&2; die "instance $name not ready after ${READY_TIMEOUT}s"; }
        sleep 1
    done
    log "Instance $name ready on port $port"
}

log "Starting instance a (port $PORT_A) and instance b (port $PORT_B): logs in deploy/out/"
PID_A=$(start_instance a "$PORT_A")
PID_B=$(start_instance b "$PORT_B")
wait_ready a "$PORT_A" "$PID_A"
wait_ready b "$PORT_B" "$PID_B"

# --- nginx with deploy/nginx.conf -------------------------------------------------------------------------------
mkdir -p "$OUT/nginx"
sed -e "s/server forkcast-1:8080/server 127.0.0.1:$PORT_A/" \
    -e "s/server forkcast-2:8080/server 127.0.0.1:$PORT_B/" \
    -e "s/listen 80;/listen 127.0.0.1:$LB_PORT;/" \
    deploy/nginx.conf >"$OUT/nginx/nginx.conf"
grep -q "server 127.0.0.1:$PORT_A" "$OUT/nginx/nginx.conf" && grep -q "server 127.0.0.1:$PORT_B" "$OUT/nginx/nginx.conf" \
    || die "deploy/nginx.conf no longer names the upstreams forkcast-1:8080 and forkcast-2:8080"
NGINX_ARGS=(-p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g "daemon off; pid $OUT/nginx/nginx.pid;")
"$NGINX" -t -q "${NGINX_ARGS[@]}" || die "nginx refuses the generated configuration"
"$NGINX" "${NGINX_ARGS[@]}" >"$OUT/nginx.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 20); do port_taken "$LB_PORT" && break; sleep 0.5; done
log "nginx on $LB, in front of both instances"

# --- the scenario -----------------------------------------------------------------------------------------------
echo
echo "Scenario through the load balancer ($LB):"

# call METHOD PATH TOKEN [JSON]: sets STATUS, INSTANCE and BODY.
call() {
    local method=$1 path=$2 token=${3:-} body=${4:-} headers
    local args=(-s --max-time 10 -X "$method" -D "$OUT/headers" -o "$OUT/body" -w '%{http_code}')
    if [[ -n $token ]]; then args+=(-H "Authorization: Bearer $token"); fi
    if [[ -n $body ]]; then args+=(-H 'Content-Type: application/json' --data "$body"); fi
    : >"$OUT/headers"
    : >"$OUT/body"
    STATUS=$(curl "${args[@]}" "$LB$path" || true)
    INSTANCE=$(tr -d '\r' <"$OUT/headers" | awk -F': ' 'tolower($1) == "x-forkcast-instance" { print $2 }')
    BODY=$(cat "$OUT/body")
}

# 1. Health
call GET /actuator/health
if [[ $STATUS == 200 ]] && [[ $(json_get status <<<"$BODY" || true) == UP ]]; then
    pass "1 health through nginx: 200 UP (served by $INSTANCE)"
else
    fail "1 health through nginx: $STATUS $BODY"
fi

# 2. Tenant and key
TENANT=""
KEY=""
call POST /api/v1/tenants "$ADMIN_TOKEN" '{"name":"Cluster Bistro","email":"owner@cluster-bistro.example","plan":"basic"}'
if [[ $STATUS == 201 ]]; then TENANT=$(json_get id <<<"$BODY"); fi
if [[ -n $TENANT ]]; then
    call POST "/api/v1/tenants/$TENANT/api-keys" "$ADMIN_TOKEN" '{"name":"cluster"}'
    if [[ $STATUS == 201 ]]; then KEY=$(json_get key <<<"$BODY"); fi
fi
if [[ -n $TENANT && -n $KEY ]]; then
    pass "2 tenant $TENANT (basic plan) and an API key created"
else
    fail "2 could not create a tenant and a key: $STATUS $BODY"
fi

# 3. Both instances serve (operator calls are not counted against the tenant's budget).
declare -A served=()
for _ in $(seq 1 10); do
    call GET "/api/v1/tenants/$TENANT" "$ADMIN_TOKEN"
    if [[ $STATUS == 200 && -n $INSTANCE ]]; then served[$INSTANCE]=$(( ${served[$INSTANCE]:-0} + 1 )); fi
done
if [[ -n ${served[instance-a]:-} && -n ${served[instance-b]:-} ]]; then
    pass "3 both instances serve: instance-a ${served[instance-a]} calls, instance-b ${served[instance-b]} calls of 10"
else
    fail "3 not both instances served: ${!served[*]}"
fi

# 4. Shared rate limit: 100 calls pass, the 101st is refused, whichever instance serves it.
if [[ -n $KEY ]]; then
    declare -A counted=()
    ok=0
    for _ in $(seq 1 100); do
        call GET "/api/v1/tenants/$TENANT" "$KEY"
        if [[ $STATUS == 200 ]]; then ok=$((ok + 1)); fi
        counted[${INSTANCE:-none}]=$(( ${counted[${INSTANCE:-none}]:-0} + 1 ))
    done
    call GET "/api/v1/tenants/$TENANT" "$KEY"
    refused_by=$INSTANCE
    if [[ $ok == 100 && $STATUS == 429 && -n ${counted[instance-a]:-} && -n ${counted[instance-b]:-} ]]; then
        pass "4 shared rate limit: calls 1-100 answered 200 (instance-a ${counted[instance-a]}, instance-b ${counted[instance-b]}), call 101 refused 429 by $refused_by"
    else
        fail "4 shared rate limit: $ok of 100 calls answered 200 (${!counted[*]}), call 101 answered $STATUS by $refused_by"
    fi
else
    fail "4 shared rate limit: no API key (step 2 failed)"
fi

# 5. Part 2: needs the connect module (OAuth state in PostgreSQL, sandbox).
skip "5 connect through the sandbox across instances: the sandbox keeps its state per instance, so a code issued by one instance is unknown to the other (needs shared sandbox state)"

# 6. One instance stops mid-way: calls keep coming while it shuts down, and after it is gone.
: >"$OUT/failover.txt"
(
    for _ in $(seq 1 60); do
        curl -s --max-time 10 -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" \
            -w '%{http_code} %header{x-forkcast-instance}\n' "$LB/api/v1/tenants/$TENANT" >>"$OUT/failover.txt" || true
        sleep 0.1
    done
) &
LOAD_PID=$!
sleep 1
log "Stopping instance b (SIGTERM, graceful shutdown) while calls keep coming"
stop_pid "$PID_B"
PID_B=""
wait "$LOAD_PID" || true
total=$(wc -l <"$OUT/failover.txt")
answered=$(grep -c '^200 ' "$OUT/failover.txt" || true)
call POST /api/v1/tenants "$ADMIN_TOKEN" '{"name":"After Failover","email":"owner@after-failover.example","plan":"basic"}'
created_after=$STATUS
created_by=$INSTANCE
if [[ $total == 60 && $answered == 60 && $created_after == 201 && $created_by == instance-a ]]; then
    pass "6 instance b stopped mid-way: 60 of 60 calls answered 200 ($(grep -c ' instance-b$' "$OUT/failover.txt" || true) by instance-b before it left), then a tenant created by instance-a"
else
    fail "6 instance b stopped mid-way: $answered of $total calls answered 200 (see deploy/out/failover.txt), tenant creation $created_after by ${created_by:-?}"
fi

# 7. Part 2: needs the publishing issue (posts, db-scheduler).
skip "7 schedule posts, stop one instance, every post published exactly once: not scripted yet (the two-instance proof runs in PublishingOnPostgresIT)"

echo
echo "passed: $PASSED   failed: $FAILED   skipped: $SKIPPED"
(( FAILED == 0 ))
