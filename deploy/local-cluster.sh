#!/usr/bin/env bash
# Two Forkcast instances behind nginx on this machine, without Docker: the production topology in miniature.
#
# Run from anywhere:  deploy/local-cluster.sh
#
# Starts two instances of the executable jar on the postgres profile (the local PostgreSQL, database
# forkcast_cluster recreated, and the local Redis), and nginx (Debian's package, installed if missing) with a
# configuration generated from deploy/nginx.conf: only the two upstream addresses and the listening port change.
# "Meta" is a third process from the same jar: the Meta sandbox host (sandbox on, jobs off, its own H2 database),
# which both instances use as Graph and as the OAuth dialog (forkcast.meta.graph-base-url, dialog-base-url), their
# own sandbox off: the sandbox keeps its state in memory, so one host must serve both, as Facebook does.
# Both instances share what production shares: the vault key, the media URL signing key and the media directory
# (the local store on one disk standing in for the S3 bucket).
# Then runs the scenario through the load balancer and prints PASS, FAIL or SKIP per step:
#   1. health through nginx
#   2. create a tenant (basic plan, 100 calls/hour) and an API key
#   3. both instances serve calls (X-Forkcast-Instance)
#   4. the 101st call of the tenant in the hour is refused, whichever instance serves it (budget kept in Redis)
#   5. connect through the sandbox: the link (OAuth state) asked through nginx is answered by one instance, the
#      owner consents on the sandbox's page, and Facebook's redirect back is served by the OTHER instance (sent to
#      it directly, as a load balancer may); the accounts are then connected, and the state cannot be used twice
#   5b. the dashboard's session works on either instance: invitation, password form (CSRF) and signed-in pages
#      through nginx, served by both instances
#   6. one instance stops mid-way; the API keeps answering through the other (which then starts again)
#   7. 40 posts with an uploaded image scheduled ~20 s ahead through nginx; while they are being published one
#      instance is killed (SIGKILL); the sandbox shows each post published exactly once and the API all published
# Everything it started is stopped on exit. Output (instance, sandbox host and nginx logs) goes to deploy/out/.
# To keep the run short, the instances poll for due jobs every 2 s and take over a killed instance's jobs after
# four missed 1-second heartbeats (forkcast.jobs.*; the defaults are 10 s and 4 x 30 s).
#
# Environment (all optional):
#   LB_PORT=18280 PORT_A=18281 PORT_B=18282 PORT_META=18283   ports to try first (the next free ones are used)
#   SKIP_BUILD=1        use the jar in target/ as it is
#   READY_TIMEOUT=180   seconds to wait for each instance to be ready
#   REDIS_TIMEOUT=1s    forkcast.quota.redis-timeout for the instances (the default 250ms can be too short on a
#                       loaded laptop; a timeout makes an instance count alone for a while, which step 4 would show)
#   JVM_OPTS="..."      JVM flags of each process (default: -Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError
#                       -XX:TieredStopAtLevel=1 -XX:+UseSerialGC: the quick compiler only and one GC thread, so
#                       that three JVMs start sooner on a small machine; nothing here measures speed)
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
PORT_META=${PORT_META:-18283}
SKIP_BUILD=${SKIP_BUILD:-0}
READY_TIMEOUT=${READY_TIMEOUT:-180}
REDIS_TIMEOUT=${REDIS_TIMEOUT:-1s}
JVM_OPTS=${JVM_OPTS:--Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
DB_NAME=forkcast_cluster
PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_URL=redis://127.0.0.1:6379
LB=http://127.0.0.1:$LB_PORT

PID_A=""
PID_B=""
PID_META=""
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
    if [[ -n $PID_META ]]; then log "Stopping the Meta sandbox host"; stop_pid "$PID_META"; fi
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
for tool in curl psql redis-cli jq; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done

source bench/lib.sh
psql_admin -Atc 'select 1' >/dev/null 2>&1 || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT (user postgres); .ci/run starts it"
[[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]] || die "Redis does not answer on 127.0.0.1:6379; .ci/run starts it"

LB_PORT=$(free_port "$LB_PORT"); TAKEN_PORTS=" $LB_PORT"
PORT_A=$(free_port "$PORT_A"); TAKEN_PORTS="$TAKEN_PORTS $PORT_A"
PORT_B=$(free_port "$PORT_B"); TAKEN_PORTS="$TAKEN_PORTS $PORT_B"
PORT_META=$(free_port "$PORT_META")
META=http://127.0.0.1:$PORT_META
LB=http://127.0.0.1:$LB_PORT

JAVA=$(find_java) || die "no JDK >= 21 found"

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

# --- the Meta sandbox host and two instances --------------------------------------------------------------------
ADMIN_TOKEN=cluster_$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')
VAULT_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
MEDIA_URL_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
read -r -a jvm_opts <<<"$JVM_OPTS"
rm -rf "$OUT/meta-sandbox" "$OUT/media"
mkdir -p "$OUT/media"

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
        export FORKCAST_SANDBOX_ENABLED=false
        export FORKCAST_META_GRAPH_BASE_URL=$META/sandbox/graph
        export FORKCAST_META_DIALOG_BASE_URL=$META/sandbox/www
        export FORKCAST_VAULT_KEYS_K1=$VAULT_KEY
        export FORKCAST_VAULT_ACTIVE_KEY_ID=k1
        export FORKCAST_VAULT_GENERATE_DEV_KEY=false
        export FORKCAST_ASSETS_URL_SIGNING_KEY=$MEDIA_URL_KEY
        export FORKCAST_ASSETS_GENERATE_URL_SIGNING_KEY=false
        export FORKCAST_ASSETS_LOCAL_ROOT=$OUT/media
        export FORKCAST_JOBS_POLLING_INTERVAL=2s
        export FORKCAST_JOBS_HEARTBEAT_INTERVAL=1s
        export FORKCAST_JOBS_MISSED_HEARTBEATS_LIMIT=4
        exec "$JAVA" "${jvm_opts[@]}" -jar "$JAR"
    ) >>"$OUT/instance-$name.log" 2>&1 &
    echo $!
}

json_get() { jq -er --arg field "$1" '.[$field]'; }

# wait_ready NAME PORT PID LOG: until the readiness probe answers UP.
wait_ready() {
    local name=$1 port=$2 pid=$3 logfile=$4 deadline=$((SECONDS + READY_TIMEOUT))
    until [[ $(curl -s --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" | json_get status 2>/dev/null) == UP ]]; do
        kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logfile" >&2; die "$name exited during start-up"; }
        (( SECONDS < deadline )) || { tail -n 30 "$logfile" >&2; die "$name not ready after ${READY_TIMEOUT}s"; }
        sleep 1
    done
    log "$name ready on port $port"
}

: >"$OUT/instance-a.log"
: >"$OUT/instance-b.log"
log "Starting the Meta sandbox host (port $PORT_META), instance a (port $PORT_A) and instance b (port $PORT_B): logs in deploy/out/"
# The Meta sandbox host (bench/lib.sh): its own H2 database under deploy/out/meta-sandbox; nothing but the sandbox
# is used on it.
start_meta_sandbox "$JAVA" "$JAR" "$OUT/meta-sandbox" "$PORT_META" "$OUT/meta-sandbox.log" "${jvm_opts[@]}"
PID_META=$META_SANDBOX_PID
PID_A=$(start_instance a "$PORT_A")
PID_B=$(start_instance b "$PORT_B")
wait_ready "the Meta sandbox host" "$PORT_META" "$PID_META" "$OUT/meta-sandbox.log"
wait_ready "instance a" "$PORT_A" "$PID_A" "$OUT/instance-a.log"
wait_ready "instance b" "$PORT_B" "$PID_B" "$OUT/instance-b.log"

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

# call METHOD PATH TOKEN [JSON]: through nginx; sets STATUS, INSTANCE and BODY.
call() { call_at "$LB" "$@"; }

# call_at BASE_URL METHOD PATH TOKEN [JSON]: the same, to any address (one instance directly, the sandbox host).
call_at() {
    local base=$1 method=$2 path=$3 token=${4:-} body=${5:-}
    local args=(-s --max-time 10 -X "$method" -D "$OUT/headers" -o "$OUT/body" -w '%{http_code}')
    if [[ -n $token ]]; then args+=(-H "Authorization: Bearer $token"); fi
    if [[ -n $body ]]; then args+=(-H 'Content-Type: application/json' --data "$body"); fi
    : >"$OUT/headers"
    : >"$OUT/body"
    STATUS=$(curl "${args[@]}" "$base$path" || true)
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
INVITE=""
if [[ $STATUS == 201 ]]; then TENANT=$(json_get id <<<"$BODY"); INVITE=$(json_get owner_invite_url <<<"$BODY" || true); fi
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

# 5. Connect through the sandbox across instances. A second tenant (enterprise plan: steps 5 and 7 make more calls
#    than a basic tenant may in an hour) asks for the link through nginx; the instance that answers keeps the OAuth
#    state in PostgreSQL. The owner consents on the sandbox host's page; Facebook's redirect back is sent to the
#    other instance, which must find the state, exchange the code and connect the accounts.
html_unescape() { sed -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'; }
TENANT2=""
KEY2=""
step5() {
    call POST /api/v1/tenants "$ADMIN_TOKEN" '{"name":"Cluster Kitchen","email":"owner@cluster-kitchen.example","plan":"enterprise"}'
    [[ $STATUS == 201 ]] || { fail "5 connect: could not create the second tenant: $STATUS $BODY"; return; }
    TENANT2=$(json_get id <<<"$BODY")
    call POST "/api/v1/tenants/$TENANT2/api-keys" "$ADMIN_TOKEN" '{"name":"cluster"}'
    [[ $STATUS == 201 ]] || { fail "5 connect: could not create a key: $STATUS $BODY"; return; }
    KEY2=$(json_get key <<<"$BODY")

    call GET "/api/v1/oauth/facebook/authorize?tenant_id=$TENANT2" "$KEY2"
    local authorized_by=$INSTANCE authorization_url
    [[ $STATUS == 200 && -n $authorized_by ]] || { fail "5 connect: authorize answered $STATUS $BODY"; return; }
    authorization_url=$(json_get authorization_url <<<"$BODY")
    [[ $authorization_url == "$META/sandbox/www/"* ]] \
        || { fail "5 connect: the authorization URL does not lead to the sandbox host: $authorization_url"; return; }

    # The consent page: its form, submitted with every Page ticked and "Continue".
    local page action form=() name value callback
    page=$(curl -s --max-time 10 "$authorization_url")
    action=$(grep -o '<form method="post" action="[^"]*"' <<<"$page" | sed 's/.*action="\([^"]*\)"/\1/' | html_unescape)
    [[ -n $action ]] || { fail "5 connect: the sandbox's consent page has no form"; return; }
    while IFS=$'\t' read -r name value; do
        form+=(--data-urlencode "$name=$value")
    done < <(grep -o '<input type="hidden" name="[^"]*" value="[^"]*"' <<<"$page" \
        | sed 's/<input type="hidden" name="\([^"]*\)" value="\([^"]*\)"/\1\t\2/' | html_unescape)
    while read -r value; do
        form+=(--data-urlencode "page=$value")
    done < <(grep -o '<input type="checkbox" name="page" value="[^"]*"' <<<"$page" | sed 's/.*value="\([^"]*\)"/\1/')
    callback=$(curl -s --max-time 10 -o /dev/null -w '%{redirect_url}' "${form[@]}" \
        --data-urlencode decision=approve "$META$action")
    [[ $callback == "$LB/api/v1/oauth/facebook/callback?"* && $callback == *code=* ]] \
        || { fail "5 connect: the sandbox did not redirect back with a code: ${callback:-no redirect}"; return; }

    # Facebook's redirect, served by the instance that did NOT create the state.
    local other_port other
    if [[ $authorized_by == instance-a ]]; then other_port=$PORT_B; other=instance-b; else other_port=$PORT_A; other=instance-a; fi
    call_at "http://127.0.0.1:$other_port" GET "${callback#"$LB"}"
    local callback_status=$STATUS callback_by=$INSTANCE callback_body=$BODY connected
    connected=$(jq -r 'select(.status == "connected") | .accounts | length' <<<"$BODY" 2>/dev/null || true)
    # The same state again, on the first instance: used once, it is refused.
    call_at "http://127.0.0.1:$([[ $other == instance-a ]] && echo "$PORT_B" || echo "$PORT_A")" GET "${callback#"$LB"}"
    local replay=$STATUS
    call GET "/api/v1/tenants/$TENANT2/accounts" "$KEY2"
    local listed
    listed=$(jq -r '[.items[] | select(.status == "active")] | length' <<<"$BODY" 2>/dev/null || echo 0)
    if [[ $callback_status == 200 && $callback_by == "$other" && ${connected:-0} -gt 0 && $listed == "$connected" \
          && $replay =~ ^4 ]]; then
        pass "5 connect through the sandbox: link (OAuth state) from $authorized_by, callback served by $callback_by: $connected accounts connected (listed active through nginx), the state used again answered $replay"
    else
        fail "5 connect through the sandbox: link from $authorized_by, callback $callback_status by ${callback_by:-?} ($callback_body), $listed connected listed, replay answered $replay"
    fi
}
step5

# 5b. The dashboard's session across instances: the owner of step 2's tenant opens the invitation, sets a password
#     and then opens the accounts page several times, all through nginx (round robin). The form's CSRF token lives
#     in the session the first instance created, so the form and every page after it work on either instance only
#     because sessions are kept in the database.
step5b() {
    [[ -n $INVITE ]] || { fail "5b dashboard session: no invitation link (step 2 failed)"; return; }
    local path="/app/${INVITE#*/app/}" jar="$OUT/dashboard-cookies.txt" served=() status csrf
    rm -f "$jar"
    status=$(curl -s --max-time 10 -c "$jar" -b "$jar" -D "$OUT/headers" -o "$OUT/body" -w '%{http_code}' "$LB$path")
    served+=("$(tr -d '\r' <"$OUT/headers" | awk -F': ' 'tolower($1) == "x-forkcast-instance" { print $2 }')")
    csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$OUT/body" | head -n 1 | sed -e 's/.*value="//' -e 's/"$//')
    [[ $status == 200 && -n $csrf ]] || { fail "5b dashboard session: invitation page answered $status"; return; }
    status=$(curl -s --max-time 10 -c "$jar" -b "$jar" -D "$OUT/headers" -o /dev/null -w '%{http_code}' \
        --data-urlencode "_csrf=$csrf" --data-urlencode "password=cluster bistro password" \
        --data-urlencode "password_again=cluster bistro password" "$LB$path")
    served+=("$(tr -d '\r' <"$OUT/headers" | awk -F': ' 'tolower($1) == "x-forkcast-instance" { print $2 }')")
    [[ $status == 302 || $status == 303 ]] || { fail "5b dashboard session: setting the password answered $status (served by ${served[*]})"; return; }
    local pages=0
    for _ in 1 2 3 4; do
        status=$(curl -s --max-time 10 -c "$jar" -b "$jar" -D "$OUT/headers" -o "$OUT/body" -w '%{http_code}' "$LB/app/accounts")
        served+=("$(tr -d '\r' <"$OUT/headers" | awk -F': ' 'tolower($1) == "x-forkcast-instance" { print $2 }')")
        if [[ $status == 200 ]] && grep -q 'action="/app/sign-out"' "$OUT/body"; then pages=$((pages + 1)); fi
    done
    local both
    both=$(printf '%s\n' "${served[@]}" | sort -u | grep -c . || true)
    if (( pages == 4 && both == 2 )); then
        pass "5b dashboard session: invitation, password and 4 signed-in pages through nginx, served by ${served[*]}"
    else
        fail "5b dashboard session: $pages of 4 signed-in pages answered, served by ${served[*]}"
    fi
}
step5b

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

# Instance b starts again for step 7 (while step 6's check and step 7's preparation run).
log "Starting instance b again"
PID_B=$(start_instance b "$PORT_B")

# 7. Scheduled posts, an instance killed while publishing: every post published exactly once. The posts go to a
#    Facebook Page and its Instagram account of the tenant connected in step 5, with an image uploaded through
#    nginx. Publishing calls on the sandbox take 400 ms (an armed latency), so the kill lands while both instances
#    are publishing; the killed instance's jobs count as dead after four missed heartbeats and run again on the
#    other instance, which must find out from the platform what the killed one already published.
POSTS=40
step7() {
    [[ -n $KEY2 ]] || { fail "7 scheduled posts: no connected tenant (step 5 failed)"; return; }
    # A 1080x1080 PNG, drawn by the JDK (no image tool needed).
    cat >"$OUT/ClusterImage.java" <<'JAVA'
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
public class ClusterImage {
    public static void main(String[] args) throws Exception {
        BufferedImage image = new BufferedImage(1080, 1080, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(0xC0392B));
        graphics.fillRect(0, 0, 1080, 1080);
        graphics.setColor(new Color(0xF5CBA7));
        graphics.fillOval(240, 240, 600, 600);
        graphics.dispose();
        javax.imageio.ImageIO.write(image, "png", new File(args[0]));
    }
}
JAVA
    "$JAVA" "$OUT/ClusterImage.java" "$OUT/cluster.png" || { fail "7 scheduled posts: could not draw the image"; return; }
    local upload asset page_account ig_account
    upload=$(curl -s --max-time 30 -H "Authorization: Bearer $KEY2" -F "file=@$OUT/cluster.png;type=image/png" \
        -w '\n%{http_code}' "$LB/api/v1/tenants/$TENANT2/assets")
    [[ ${upload##*$'\n'} == 201 ]] || { fail "7 scheduled posts: upload answered ${upload//$'\n'/ }"; return; }
    asset=$(json_get id <<<"${upload%$'\n'*}")
    call GET "/api/v1/tenants/$TENANT2/accounts" "$KEY2"
    page_account=$(jq -r '.items[] | select(.platform == "facebook" and .status == "active" and .platform_user_id == "200000000000001") | .id' <<<"$BODY" | head -n 1)
    ig_account=$(jq -r '.items[] | select(.platform == "instagram" and .status == "active") | .id' <<<"$BODY" | head -n 1)
    [[ -n $page_account && -n $ig_account ]] || { fail "7 scheduled posts: no connected Page and Instagram account: $BODY"; return; }

    wait_ready "instance b" "$PORT_B" "$PID_B" "$OUT/instance-b.log"
    call_at "$META" POST /sandbox/admin/faults "" '{"operation":"page/photos","times":1000,"latency_ms":400}'
    call_at "$META" POST /sandbox/admin/faults "" '{"operation":"ig/media_publish","times":1000,"latency_ms":400}'

    # 20 posts, each to the Page and the Instagram account: 40 deliveries ("posts" below), due in 20 s.
    local due i created=0 run
    run=$(date +%s)
    due=$(date -u -d '+20 seconds' +%Y-%m-%dT%H:%M:%SZ)
    for i in $(seq 1 $((POSTS / 2))); do
        call POST "/api/v1/tenants/$TENANT2/posts" "$KEY2" "{\"targets\":[{\"account_id\":\"$page_account\"},{\"account_id\":\"$ig_account\"}],\"caption\":\"Cluster run $run, dish $i: tonight's special\",\"asset_ids\":[\"$asset\"],\"scheduled_for\":\"$due\"}"
        if [[ $STATUS == 201 ]]; then created=$((created + $(jq '.deliveries | length' <<<"$BODY"))); fi
    done
    [[ $created == "$POSTS" ]] || { fail "7 scheduled posts: $created of $POSTS posts created (last: $STATUS $BODY)"; return; }
    log "$POSTS posts scheduled for $due; waiting for publishing to begin"

    # Kill instance a once a few posts are out (and not all of them).
    local published=0 deadline=$((SECONDS + 60))
    while (( SECONDS < deadline )); do
        published=$(curl -s --max-time 5 -G "$META/sandbox/admin/published/count" \
            --data-urlencode "caption_prefix=Cluster run $run," | jq '.count' 2>/dev/null || echo 0)
        (( published >= 6 )) && break
        sleep 0.2
    done
    if (( published == 0 || published >= POSTS )); then
        fail "7 scheduled posts: $published of $POSTS published before the kill (expected the kill mid-way)"; return
    fi
    kill -KILL "$PID_A"
    wait "$PID_A" 2>/dev/null || true
    PID_A=""
    local killed_at=$SECONDS
    log "Instance a killed (SIGKILL) with $published of $POSTS posts published"

    # Every post published, through the API (nginx now has instance b only).
    local done_count=0 statuses
    deadline=$((SECONDS + 90))
    while (( SECONDS < deadline )); do
        call GET "/api/v1/tenants/$TENANT2/posts?limit=200" "$KEY2"
        if [[ $STATUS == 200 ]]; then
            done_count=$(jq '[.items[].deliveries[] | select(.status == "published")] | length' <<<"$BODY")
            (( done_count == POSTS )) && break
        fi
        sleep 1
    done
    statuses=$(jq -r '[.items[].deliveries[].status] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' <<<"$BODY" 2>/dev/null || echo "?")

    # On the platform: each caption once per account, nothing else from this run.
    local on_platform distinct duplicated
    on_platform=$(curl -s --max-time 10 "$META/sandbox/admin/published" | jq --arg run "Cluster run $run," \
        '[.data[] | select(.caption | startswith($run))]')
    distinct=$(jq '[.[] | "\(.owner_id) \(.caption)"] | unique | length' <<<"$on_platform")
    duplicated=$(jq '[group_by("\(.owner_id) \(.caption)")[] | select(length > 1)] | length' <<<"$on_platform")
    local total
    total=$(jq 'length' <<<"$on_platform")
    # What instance b's log says it took over: executions revived from the killed instance, posts found already out.
    local revived reconciled
    revived=$(grep -c 'Reviving dead execution: Execution: task=publish-post' "$OUT/instance-b.log" || true)
    reconciled=$(grep -c 'was already published (attempt' "$OUT/instance-b.log" || true)
    if (( done_count == POSTS && total == POSTS && distinct == POSTS && duplicated == 0 )); then
        pass "7 $POSTS posts scheduled, instance a killed after $published were out: all $POSTS published through the API ($((SECONDS - killed_at)) s after the kill; instance b revived $revived of a's publish jobs and found $reconciled of them already published), the sandbox holds each exactly once ($total entries)"
    else
        fail "7 $POSTS posts, instance a killed after $published: API shows $statuses; sandbox has $total entries, $distinct distinct, $duplicated published more than once"
    fi
}
step7

echo
echo "passed: $PASSED   failed: $FAILED   skipped: $SKIPPED   ($SECONDS s since the script started)"
(( FAILED == 0 ))
