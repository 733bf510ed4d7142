#!/usr/bin/env bash
# Start-up benchmark: how long the executable jar takes, on the embedded default, from process start to the first
# 200 from /actuator/health/readiness, with the process's CPU time and RSS at that moment.
#
# Run from the repository root:  bench/startup.sh
#
# It builds the jar (unless SKIP_BUILD=1), extracts it (`java -Djarmode=tools -jar ... extract`, the layout class data
# sharing needs: plain jars on the class path, not jars nested in the jar), makes the JVM's start-up cache with a
# training run (bench/lib.sh's make_startup_cache: on JDK 25 and later the ahead-of-time cache, -XX:AOTCacheOutput;
# on 21 to 24 a dynamic class data sharing archive, -XX:ArchiveClassesAtExit), then starts Forkcast RUNS times in
# each mode:
#   jar        java -jar target/forkcast-*.jar, as before this benchmark existed
#   extracted  the extracted jar, no cache
#   cached     the extracted jar with the cache (-XX:AOTCache / -XX:SharedArchiveFile)
#   auto       the extracted jar with -XX:+AutoCreateSharedArchive, as the container image runs: no training run,
#              the first start writes a class data sharing archive when it stops, the later ones map it
#   aot        Spring's ahead-of-time processing (-Dspring.aot.enabled=true: the bean definitions and repositories
#              generated at build time, when the jar was built on JDK 21 or later) with its own cache, made by a
#              training run with the same flag
# Each mode runs in a throw-away working directory: its first start finds no ./data (a fresh H2 database: Flyway
# migrates it, the development secrets are generated), the later starts find what the first one left (an existing
# database: Flyway only validates). Prints every start and, per mode, the median wall time, CPU time and RSS, with
# the load average before and after: wall times depend on what else the machine runs, CPU time much less.
#
# Environment (all optional):
#   RUNS=5             starts per mode
#   MODES="jar extracted cached auto aot"   which modes, in this order
#   PORT=18290         port to try first; the next free one is used if it is taken
#   SKIP_BUILD=1       use the jar in target/ as it is
#   READY_TIMEOUT=180  seconds a start may take before the run is abandoned
#   JVM_OPTS="..."     JVM flags of every start (and of the training run); by default the small instance's, as
#                      `mvn spring-boot:run` passes them (pom.xml's spring-boot.run.jvmArguments)
#
# Exit status: 0 when every start became ready; non-zero otherwise. Output (each start's log) goes to
# bench/out/startup/.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/bench/out/startup

RUNS=${RUNS:-5}
MODES=${MODES:-jar extracted cached auto aot}
PORT=${PORT:-18290}
SKIP_BUILD=${SKIP_BUILD:-0}
READY_TIMEOUT=${READY_TIMEOUT:-180}
TARGET_SECONDS=4

die() { printf 'bench/startup.sh: error: %s\n' "$*" >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }
# shellcheck source=bench/lib.sh
source bench/lib.sh
JVM_OPTS=${JVM_OPTS-$(small_instance_flags)}

WORK=$(mktemp -d)
APP_PID=""
cleanup() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

JAVA=$(find_java) || true
[[ -n $JAVA ]] || die "no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm or PATH)"
command -v curl >/dev/null || die "curl is required"
if [[ $SKIP_BUILD != 1 ]]; then
    log "Building the executable jar"
    # Maven itself on that JDK: Spring's ahead-of-time processing (the spring-aot profile) runs only when Maven does.
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")") mvn -q -B -DskipTests package
fi
JAR=$(newest_jar)
[[ -n $JAR ]] || die "no jar in target/ (run without SKIP_BUILD=1)"
PORT=$(free_port "$PORT")
mkdir -p "$OUT"
rm -f "$OUT"/*.log

# A copy, so that a build during the run (another checkout's, or this one's) cannot change the jar under a start.
cp "$JAR" "$WORK/forkcast.jar"
log "Extracting $JAR"
APP=$(extract_jar "$JAVA" "$ROOT/$JAR" "$WORK/app")
# The training run takes minutes on a busy machine: only when the cached mode is asked for.
if [[ " $MODES " == *" cached "* ]]; then
    log "Training run (makes the start-up cache)"
    TRAIN_START=$(date +%s.%N)
    # shellcheck disable=SC2086
    CACHE_FLAGS=$(make_startup_cache "$JAVA" "$APP" "$WORK/train" "$OUT/training.log" $JVM_OPTS)
    printf 'training run: %.1f s, cache %s (%s)\n' "$(echo "$(date +%s.%N) - $TRAIN_START" | bc -l)" \
        "$(du -h "${CACHE_FLAGS#*=}" | cut -f1)" "$CACHE_FLAGS"
fi
SPRING_AOT=-Dspring.aot.enabled=true
if [[ " $MODES " == *" aot "* ]]; then
    # grep without -q: it reads the whole listing, so unzip is not cut off (under pipefail, a cut-off unzip fails
    # the test even when the class is there).
    unzip -l "$WORK/forkcast.jar" | grep '__ApplicationContextInitializer.class' > /dev/null \
        || die "the jar holds no Spring ahead-of-time code (build it with Maven running on JDK 21 or later), or leave out the aot mode"
    # A copy of its own: the cache is tied to the class path it was made for.
    APP_AOT=$(extract_jar "$JAVA" "$ROOT/$JAR" "$WORK/app-aot")
    TRAIN_START=$(date +%s.%N)
    # shellcheck disable=SC2086
    AOT_CACHE_FLAGS=$(make_startup_cache "$JAVA" "$APP_AOT" "$WORK/train-aot" "$OUT/training-aot.log" $JVM_OPTS $SPRING_AOT)
    printf 'training run (aot): %.1f s, cache %s (%s)\n' "$(echo "$(date +%s.%N) - $TRAIN_START" | bc -l)" \
        "$(du -h "${AOT_CACHE_FLAGS#*=}" | cut -f1)" "$AOT_CACHE_FLAGS"
fi

clock_ticks=$(getconf CLK_TCK)
# One start in the current directory: writes "<wall s> <cpu s> <rss MB>" to $WORK/result once readiness answers
# 200, then stops the process.
measure_start() {
    local log_file=$1; shift
    local start now status
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$JAVA" $JVM_OPTS "$@" --server.port="$PORT" --logging.structured.format.console= > "$log_file" 2>&1 &
    APP_PID=$!
    while :; do
        status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/actuator/health/readiness" || true)
        [[ $status == 200 ]] && break
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$log_file" >&2; die "the application stopped (log: $log_file)"; }
        (( $(echo "$(date +%s.%N) - $start > $READY_TIMEOUT" | bc) )) && die "not ready after $READY_TIMEOUT s (log: $log_file)"
        sleep 0.05
    done
    now=$(date +%s.%N)
    awk -v wall="$(echo "$now - $start" | bc -l)" -v ticks="$clock_ticks" \
        -v rss="$(awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status")" \
        '{ printf "%.2f %.2f %d\n", wall, ($14 + $15) / ticks, rss / 1024 }' "/proc/$APP_PID/stat" > "$WORK/result"
    kill -TERM "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
printf '%s, %d cores, load average before: %s\n' "$("$JAVA" -version 2>&1 | head -n 1)" "$(nproc)" "$LOAD_BEFORE"
printf 'JVM flags: %s\n' "${JVM_OPTS:-none}"
printf '%-10s %4s  %-8s %8s %8s %8s\n' mode run data wall_s cpu_s rss_MB
declare -A SUMMARY
for mode in $MODES; do
    dir=$WORK/run-$mode
    mkdir -p "$dir"
    : > "$WORK/$mode.results"
    for run in $(seq 1 "$RUNS"); do
        data=existing
        [[ -d $dir/data ]] || data=fresh
        case $mode in
            jar) args=(-jar "$WORK/forkcast.jar") ;;
            extracted) args=(-jar "$APP") ;;
            # shellcheck disable=SC2206
            cached) args=($CACHE_FLAGS -jar "$APP") ;;
            # shellcheck disable=SC2206
            aot) args=($AOT_CACHE_FLAGS $SPRING_AOT -jar "$APP_AOT") ;;
            auto) args=(-XX:SharedArchiveFile="$WORK/auto.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=error -jar "$APP") ;;
            *) die "unknown mode $mode (jar, extracted, cached, auto, aot)" ;;
        esac
        cd "$dir"
        measure_start "$OUT/$mode-$run.log" "${args[@]}"
        cd "$ROOT"
        result=$(cat "$WORK/result")
        echo "$result" >> "$WORK/$mode.results"
        read -r wall cpu rss <<< "$result"
        printf '%-10s %4d  %-8s %8.2f %8.2f %8d\n' "$mode" "$run" "$data" "$wall" "$cpu" "$rss"
    done
    SUMMARY[$mode]=$(printf '%.2f %.2f %d' "$(cut -d' ' -f1 "$WORK/$mode.results" | median)" \
        "$(cut -d' ' -f2 "$WORK/$mode.results" | median)" "$(cut -d' ' -f3 "$WORK/$mode.results" | median)")
done

printf '\nload average after: %s (before: %s)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$LOAD_BEFORE"
printf 'median of %d starts:\n' "$RUNS"
for mode in $MODES; do
    read -r wall cpu rss <<< "${SUMMARY[$mode]}"
    verdict=MISS
    (( $(echo "$wall <= $TARGET_SECONDS" | bc) )) && verdict=PASS
    printf '  %-10s ready in %6.2f s  cpu %6.2f s  rss %5d MB  (target <= %d s: %s)\n' "$mode" "$wall" "$cpu" "$rss" \
        "$TARGET_SECONDS" "$verdict"
done
