#!/usr/bin/env bash
# Upload benchmark: generates 200 phone-size JPEGs (4032 × 3024), starts Forkcast on its embedded default (a
# throw-away H2 file and media directory), uploads them through the assets API with CONCURRENCY
# parallel clients, and prints uploads per second, p95 upload latency and the server process's peak RSS.
# MODE=raw (the default, as the dashboard sends files) posts each photo as the request's body to
# POST /api/v1/tenants/{id}/assets/uploads (Content-Type: image/jpeg, name and tags in the query); MODE=multipart posts
# it as a multipart form (part "file") to POST /api/v1/tenants/{id}/assets, as browsers' forms do.
# The JVM runs with the small instance's flags (pom.xml's spring-boot.run.jvmArguments, what `mvn spring-boot:run`
# passes) unless JAVA_OPTS says otherwise. START=jar (the default) starts the jar as it is; START=aot starts it as
# docs/operations.md ("Start-up time") has a small instance start in production: extracted, with Spring's
# ahead-of-time code and the JVM's start-up cache, trained first by a run of its own with the same flags.
# Usage: bench/upload.sh   (COUNT=200 CONCURRENCY=4 JAVA_OPTS="..." PORT=18181 to change; PHOTOS=<dir> reuses
# photos generated earlier; SKIP_BUILD=1 uses the jar in target/ as it is; JAR=<file> runs that jar instead (an A/B
# run against another build), READY_TIMEOUT=120 seconds for the start, START=jar or aot, ORIENTATION=6 writes that EXIF
# orientation into the photos generated: 6 is a photo taken with the phone held upright, stored on its side)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

die() { printf 'bench/upload.sh: error: %s\n' "$*" >&2; exit 1; }
MODE=${MODE:-raw}
case "$MODE" in raw|multipart) ;; *) echo "MODE must be raw or multipart, not $MODE" >&2; exit 2 ;; esac
START=${START:-jar}
case "$START" in jar|aot) ;; *) echo "START must be jar or aot, not $START" >&2; exit 2 ;; esac
COUNT=${COUNT:-200}
CONCURRENCY=${CONCURRENCY:-4}
PORT=${PORT:-18181}
JAVA_OPTS=${JAVA_OPTS-$(small_instance_flags)}
PHOTOS=${PHOTOS:-}
ORIENTATION=${ORIENTATION:-}
SKIP_BUILD=${SKIP_BUILD:-0}
READY_TIMEOUT=${READY_TIMEOUT:-120}
WORK=$(mktemp -d)
TOKEN="bench-operator-token-$(date +%s)-0123456789"
trap 'kill "${APP_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

JAVA=$(find_java) || die "no JDK 21 or later (JAVA_HOME, /usr/lib/jvm or java on PATH)"

JAR=${JAR:-}
if [ -z "$JAR" ]; then
  if [ "$SKIP_BUILD" != 1 ]; then
    echo "Building the executable jar..."
    mvn -q -B -DskipTests package
  fi
  JAR=$(ls target/forkcast-*.jar | grep -v plain | head -1)
fi

if [ -z "$PHOTOS" ]; then
  echo "Generating $COUNT photos of 4032 x 3024${ORIENTATION:+ (EXIF orientation $ORIENTATION)}..."
  PHOTOS="$WORK/photos"
  "$JAVA" bench/GeneratePhotos.java "$PHOTOS" "$COUNT" ${ORIENTATION:+"$ORIENTATION"}
fi
du -sh "$PHOTOS" | awk '{print "  " $1 " of JPEGs"}'

START_FLAGS=()
if [ "$START" = aot ]; then
  # grep without -q: it reads the whole listing, so unzip is not cut off (pipefail).
  unzip -l "$JAR" | grep '__ApplicationContextInitializer.class' > /dev/null \
    || die "the jar holds no Spring ahead-of-time code (build it with Maven running on JDK 21 or later), or use START=jar"
  JAR=$(extract_jar "$JAVA" "$JAR" "$WORK/app")
  echo "Training the start-up cache ($JAVA_OPTS -Dspring.aot.enabled=true)..."
  # shellcheck disable=SC2086
  START_FLAGS=($(make_startup_cache "$JAVA" "$JAR" "$WORK/train" "$WORK/training.log" $JAVA_OPTS -Dspring.aot.enabled=true) \
    -Dspring.aot.enabled=true)
fi

echo "Starting Forkcast ($START: $JAVA_OPTS ${START_FLAGS[*]}) on port $PORT..."
# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS "${START_FLAGS[@]}" -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:h2:file:$WORK/db/forkcast;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE" \
  --forkcast.tenancy.admin-token="$TOKEN" --forkcast.tenancy.generate-admin-token=false \
  --forkcast.assets.local-root="$WORK/media" --forkcast.assets.url-signing-key-file="$WORK/media-url-key" \
  --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP_PID=$!
READY=
for _ in $(seq 1 "$READY_TIMEOUT"); do
  curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null && { READY=1; break; }
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done
[ -n "$READY" ] || { echo "Forkcast was not ready after $READY_TIMEOUT s (READY_TIMEOUT)" >&2; exit 1; }
# The peak so far, to tell what the uploads add to what the start-up left.
READY_PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")

TENANT=$(curl -sf -X POST "localhost:$PORT/api/v1/tenants" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name":"Bench Bistro","email":"bench@example.com","plan":"enterprise"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
KEY=$(curl -sf -X POST "localhost:$PORT/api/v1/tenants/$TENANT/api-keys" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')

echo "Uploading $COUNT photos in $MODE mode with $CONCURRENCY clients (load before: $(cut -d' ' -f1-3 /proc/loadavg))..."
export PORT TENANT KEY MODE
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
CPU_BEFORE=$(cpu_ticks)
UPLOAD_START=$(date +%s.%N)
# The list is cut in awk, which reads it whole: with pipefail, `ls | head` failed the run whenever head closed the
# pipe before ls had written everything (COUNT below the number of photos).
# The photos' names (photo-NNN.jpg) need no escaping in a query.
ls "$PHOTOS"/*.jpg | awk -v n="$COUNT" 'NR <= n' | xargs -P "$CONCURRENCY" -I{} sh -c '
  if [ "$MODE" = raw ]; then
    curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -H "Authorization: Bearer $KEY" \
      -H "Content-Type: image/jpeg" --data-binary "@$1" \
      "localhost:$PORT/api/v1/tenants/$TENANT/assets/uploads?filename=$(basename "$1")&tags=bench"
  else
    curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -H "Authorization: Bearer $KEY" \
      -F "file=@$1;type=image/jpeg" -F "tags=bench" "localhost:$PORT/api/v1/tenants/$TENANT/assets"
  fi' _ {} \
  > "$WORK/results.txt"
END=$(date +%s.%N)
CPU_AFTER=$(cpu_ticks)

PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
OK=$(awk '$1 == 201' "$WORK/results.txt" | wc -l)
ELAPSED=$(echo "$END - $UPLOAD_START" | bc -l)
P95=$(awk '{print $2}' "$WORK/results.txt" | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; print a[i]}')
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf 'mode:         %s, start: %s\n' "$MODE" "$START"
printf 'uploads:      %d of %d answered 201\n' "$OK" "$COUNT"
printf 'uploads/s:    %.1f\n' "$(echo "$OK / $ELAPSED" | bc -l)"
printf 'p95 latency:  %.0f ms\n' "$(echo "$P95 * 1000" | bc -l)"
printf 'peak RSS:     %d MB (%d MB when it was ready)\n' "$((PEAK_KB / 1024))" "$((READY_PEAK_KB / 1024))"
# What the server itself spent, whatever else the machine was doing: on an idle machine, cores / this = uploads/s.
CPU_MS=$(echo "($CPU_AFTER - $CPU_BEFORE) * 1000 / $(getconf CLK_TCK) / $OK" | bc -l)
printf 'server CPU:   %.0f ms per upload (an idle %d-core machine: about %.1f uploads/s)\n' "$CPU_MS" "$(nproc)" \
  "$(echo "$(nproc) * 1000 / $CPU_MS" | bc -l)"
