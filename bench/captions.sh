#!/usr/bin/env bash
# Caption variety and speed, measured. Builds the jar, then for each writer (offline, then the OpenAI-compatible
# writer against the built-in sandbox) starts Forkcast on a private in-memory database, creates a tenant with a
# profile and one menu item, and asks for 20 captions for the same item and tone, one after the other (each sees
# the previous ones as recent). Prints the maximum and mean pairwise similarity, the share of distinct openings
# and the generation time p95 after a warm-up of $WARMUP requests on another tenant, then each caption flagged too
# similar beside the caption it came closest to (see bench/captions_stats.py for the exact measures). COUNT, TONE, PLATFORM and WARMUP can be set in the environment.
# First, the anti-repetition measures on the labelled pairs of src/test/resources/captions/meaning-pairs.tsv:
# recall and false-positive rate for wording alone, meaning alone and both (with the cosine threshold and with the
# learned decision, in-sample and held out by 10-fold cross-validation), a sweep of the meaning threshold, the pairs
# the learned decision gets wrong, the model's load time and memory, and the CPU time per check
# (RepetitionPairsTest). Then the review replies: 20 replies drafted for similar reviews, each against the replies
# before it, with the maximum pairwise wording and meaning similarity (ReviewRepliesTest).
# PAIRS_ONLY=1 stops after these two parts; VARIETY_ONLY=1 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${COUNT:-20}"
TONE="${TONE:-friendly}"
PLATFORM="${PLATFORM:-instagram}"
WARMUP="${WARMUP:-50}"
TOKEN="bench-operator-token-0123456789abcdef"

command -v python3 >/dev/null || { echo "python3 is needed for the statistics" >&2; exit 1; }

find_java() {
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        version=$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
        if [ -n "$version" ] && [ "$version" -ge 21 ]; then
            echo "$candidate/bin/java"
            return
        fi
    done
    echo "No JDK 21 or newer found (set JAVA_HOME)" >&2
    exit 1
}
JAVA=$(find_java)

if [ "${VARIETY_ONLY:-0}" != 1 ]; then
echo "== anti-repetition on the labelled pairs =="
echo "load average               $(cut -d' ' -f1-3 /proc/loadavg) (before)"
mvn -B -q test -Dtest=RepetitionPairsTest -Dforkcast.bench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep -E '^(pairs|model loaded|threshold|  meaning|  missed|  false|CPU)' || true
echo "load average               $(cut -d' ' -f1-3 /proc/loadavg) (after)"

echo "== review replies =="
mvn -B -q test -Dtest='ReviewRepliesTest#twentyRepliesToSimilarReviewsStayApartByWordingAndMeaning' \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E '^20 review replies' || true
echo "load average               $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${PAIRS_ONLY:-0}" = 1 ]; then
    exit 0
fi
fi

echo "Building the jar..."
mvn -B -q -DskipTests package
JAR=$(ls target/forkcast-*.jar | grep -v plain | head -n 1)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

run_writer() {
    local writer="$1"
    local port
    port=$(free_port)
    local log
    log=$(mktemp -t forkcast-bench-XXXXXX.log)
    "$JAVA" -jar "$JAR" --server.port="$port" \
        "--spring.datasource.url=jdbc:h2:mem:bench-$writer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" \
        --forkcast.tenancy.admin-token="$TOKEN" --forkcast.tenancy.generate-admin-token=false \
        --forkcast.captions.writer="$writer" --forkcast.captions.daily-generations.enterprise=100000 \
        --logging.level.root=WARN >"$log" 2>&1 &
    local pid=$!
    trap 'kill $pid 2>/dev/null || true' RETURN
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
        kill -0 $pid 2>/dev/null || { echo "Forkcast did not start; see $log" >&2; return 1; }
        sleep 1
    done
    echo
    echo "== writer: $writer ($COUNT captions, tone $TONE, platform $PLATFORM) =="
    # Timings depend on what else the machine runs: the load average is printed with them.
    echo "load average               $(cut -d' ' -f1-3 /proc/loadavg) (before)"
    python3 bench/captions_stats.py "http://127.0.0.1:$port" "$TOKEN" "$COUNT" "$TONE" "$PLATFORM" "$WARMUP"
    echo "load average               $(cut -d' ' -f1-3 /proc/loadavg) (after)"
    kill $pid
    wait $pid 2>/dev/null || true
    rm -f "$log"
}

run_writer offline
run_writer openai
