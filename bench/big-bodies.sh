#!/usr/bin/env bash
# Oversized JSON bodies against a small heap: 8 concurrent 50 MB bodies to POST /api/v1/tenants (half with their
# length declared, half chunked), on the embedded default, while the heap, the process's RSS and the liveness probe
# are sampled. Every body must be refused with 413 (forkcast.http.max-json-body-size, 1 MB by default), the heap
# and RSS must stay flat, and the instance must answer throughout.
#
# Run from the repository root:  bench/big-bodies.sh
#
# Environment (all optional):
#   HEAP=128m          the application's -Xmx (it runs with -XX:+ExitOnOutOfMemoryError, as in the cluster)
#   BODIES=8           concurrent bodies
#   BODY_MB=50         size of each body in MB
#   ROUNDS=10          how many times the concurrent bodies are sent
#   PORT=18090         port to try first; the next free one is used if it is taken
#   SKIP_BUILD=1       use the jar in target/ as it is, do not run Maven
#
# Output (application log, samples, summary) goes to bench/out/big-bodies-*. Exit status 0 when every body was
# answered 413 and the instance stayed up, 1 otherwise.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
HEAP=${HEAP:-128m}
BODIES=${BODIES:-8}
BODY_MB=${BODY_MB:-50}
ROUNDS=${ROUNDS:-10}
PORT=${PORT:-18090}
SKIP_BUILD=${SKIP_BUILD:-0}

die() { echo "big-bodies: $*" >&2; exit 2; }
source bench/lib.sh

APP_PID=""
SAMPLER_PID=""
WORK=$(mktemp -d)
cleanup() {
    [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null || true
    [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

JAVA=$(find_java) || true
[[ -n ${JAVA:-} ]] || die "no JDK >= 21 found"
command -v curl >/dev/null || die "curl is needed"
if [[ $SKIP_BUILD != 1 ]]; then
    mvn -q -DskipTests package -Djib.skip >/dev/null
fi
JAR=$(newest_jar)
[[ -n $JAR ]] || die "no jar in target/ (run without SKIP_BUILD=1)"
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG=$OUT/big-bodies-$STAMP.log
SAMPLES=$OUT/big-bodies-$STAMP.samples
PORT=$(free_port "$PORT")
BASE=http://127.0.0.1:$PORT

(cd "$WORK" && exec "$JAVA" -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError -jar "$ROOT/$JAR" --server.port="$PORT" \
    --forkcast.jobs.enabled=false --logging.structured.format.console= >"$LOG" 2>&1) &
APP_PID=$!
for _ in $(seq 120); do
    curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
    kill -0 "$APP_PID" 2>/dev/null || die "the application exited; see $LOG"
    sleep 0.5
done
curl -fs -o /dev/null "$BASE/actuator/health/readiness" || die "the application did not get ready; see $LOG"
TOKEN=$(cat "$WORK/data/admin-token")
# The pid of the java process itself (the subshell above execs it).
JVM_PID=$APP_PID

# Both answer 0 once the process is gone (an instance that ran out of memory exits), so the summary still prints.
heap_bytes() {
    { curl -fs -m 5 "$BASE/actuator/prometheus" || true; } \
        | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%d", sum }'
}
rss_kb() { { ps -o rss= -p "$JVM_PID" || echo 0; } | tr -d ' '; }

# One sample every 200 ms: time, RSS (KB), heap used (bytes), liveness status and its latency (s).
sample() {
    while true; do
        local probe
        probe=$(curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}' "$BASE/actuator/health/liveness" || echo "000 5")
        echo "$(date +%s.%N) $(rss_kb) $(heap_bytes) $probe" >>"$SAMPLES"
        sleep 0.2
    done
}

# A settled baseline: a few warm requests, then the figures before the load.
for _ in $(seq 20); do curl -s -o /dev/null "$BASE/actuator/health"; done
RSS_BEFORE=$(rss_kb)
HEAP_BEFORE=$(heap_bytes)
sample &
SAMPLER_PID=$!

BODY=$WORK/body.json
{ printf '{"name":"'; head -c $((BODY_MB * 1024 * 1024)) /dev/zero | tr '\0' a; printf '","email":"x@example.com"}'; } >"$BODY"
STATUSES=$WORK/statuses
: >"$STATUSES"
START=$(date +%s.%N)
for round in $(seq "$ROUNDS"); do
    pids=()
    for i in $(seq "$BODIES"); do
        if (( i % 2 )); then
            # Length declared (Content-Length), streamed from the file.
            curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Expect:' -H "Authorization: Bearer $TOKEN" \
                -H 'Content-Type: application/json' -T "$BODY" "$BASE/api/v1/tenants" >>"$STATUSES" &
        else
            # Chunked, streamed from a pipe.
            cat "$BODY" | curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Expect:' -H "Authorization: Bearer $TOKEN" \
                -H 'Content-Type: application/json' -T - "$BASE/api/v1/tenants" >>"$STATUSES" &
        fi
        pids+=($!)
    done
    wait "${pids[@]}" || true
done
END=$(date +%s.%N)
sleep 1
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
RSS_AFTER=$(rss_kb)
HEAP_AFTER=$(heap_bytes)
ALIVE=yes
kill -0 "$APP_PID" 2>/dev/null || ALIVE=no

TOTAL=$(wc -l <"$STATUSES")
REFUSED=$(grep -c '^413$' "$STATUSES" || true)
summary=$(awk -v rb="$RSS_BEFORE" -v hb="$HEAP_BEFORE" -v ra="$RSS_AFTER" -v ha="$HEAP_AFTER" '
    { if ($2 > rss) rss = $2; if ($3 > heap) heap = $3; probes++; if ($4 == 200) ok++; if ($5 > slowest) slowest = $5 }
    END {
        printf "RSS (MB):          before %.0f, peak %.0f, after %.0f\n", rb / 1024, rss / 1024, ra / 1024
        printf "heap used (MB):    before %.0f, peak %.0f, after %.0f\n", hb / 1048576, heap / 1048576, ha / 1048576
        printf "liveness probes:   %d of %d answered 200, slowest %.0f ms\n", ok, probes, slowest * 1000
    }' "$SAMPLES")
{
    echo "big-bodies $STAMP: $ROUNDS rounds of $BODIES concurrent ${BODY_MB} MB JSON bodies, -Xmx$HEAP"
    echo "answers:           $REFUSED of $TOTAL were 413 ($(sort "$STATUSES" | uniq -c | tr '\n' ' '))"
    echo "$summary"
    printf 'elapsed:           %.1f s\n' "$(echo "$END - $START" | bc)"
    echo "instance alive:    $ALIVE"
} | tee "$OUT/big-bodies-$STAMP.summary"
[[ $ALIVE == yes && $REFUSED == "$TOTAL" && $TOTAL -gt 0 ]]
