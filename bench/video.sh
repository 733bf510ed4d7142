#!/usr/bin/env bash
# Video upload: one large generated video (200 MB by default) uploaded through the API to the embedded default with a
# small heap, while the process's resident memory is sampled. Prints the upload throughput (MB/s over the whole
# request: transfer, hashing, probing with FFmpeg, the poster frame and storing) and the peak RSS before and during
# the upload: the file streams to disk and the media store, so the peak must not grow with the file's size.
#
# Run from the repository root:  bench/video.sh
#
# Environment (all optional):
#   SIZE_MB=200        size of the generated video
#   JAVA_OPTS="..."    the application's JVM flags; by default the small instance's, as `mvn spring-boot:run`
#                      passes them (pom.xml's spring-boot.run.jvmArguments)
#   PORT=18182         port for the application
#   SKIP_BUILD=1       use the jar in target/ as it is
#   READY_TIMEOUT=180  seconds to wait for the application to be ready
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

SIZE_MB=${SIZE_MB:-200}
PORT=${PORT:-18182}
SKIP_BUILD=${SKIP_BUILD:-0}
READY_TIMEOUT=${READY_TIMEOUT:-180}
WORK=$(mktemp -d)
TOKEN="bench-operator-token-$(date +%s)-0123456789"
APP_PID=""
SAMPLER_PID=""
trap 'kill "$SAMPLER_PID" 2>/dev/null || true; kill "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

source bench/lib.sh
JAVA_OPTS=${JAVA_OPTS-$(small_instance_flags)}
JAVA=$(find_java)

if [ "$SKIP_BUILD" != 1 ]; then
  echo "Building the executable jar..."
  mvn -q -B -DskipTests package
fi
JAR=$(ls target/forkcast-*.jar | grep -v plain | head -1)
mkdir -p "$WORK/jar" && (cd "$WORK/jar" && unzip -q "$OLDPWD/$JAR" 'BOOT-INF/lib/*')
LIBS=$(ls "$WORK"/jar/BOOT-INF/lib/{javacv,javacpp,ffmpeg}-*.jar | paste -sd: -)

echo "Generating a $SIZE_MB MB video..."
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$LIBS" bench/GenerateVideo.java "$WORK/video.mp4" "$SIZE_MB"

echo "Starting Forkcast ($JAVA_OPTS) on port $PORT..."
"$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:h2:file:$WORK/db/forkcast;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE" \
  --forkcast.tenancy.admin-token="$TOKEN" --forkcast.tenancy.generate-admin-token=false \
  --forkcast.assets.local-root="$WORK/media" --forkcast.assets.url-signing-key-file="$WORK/media-url-key" \
  --forkcast.assets.max-video-upload-size=$((SIZE_MB + 50))MB \
  --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP_PID=$!
READY=
for _ in $(seq 1 "$READY_TIMEOUT"); do
  curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null && { READY=1; break; }
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done
[ -n "$READY" ] || { echo "Forkcast was not ready after $READY_TIMEOUT s (READY_TIMEOUT)" >&2; exit 1; }
READY_PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
READY_RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")

TENANT=$(curl -sf -X POST "localhost:$PORT/api/v1/tenants" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name":"Bench Bistro","email":"bench@example.com","plan":"enterprise"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
KEY=$(curl -sf -X POST "localhost:$PORT/api/v1/tenants/$TENANT/api-keys" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')

# Resident memory sampled every 100 ms during the upload (VmHWM alone would include start-up's peak).
( while kill -0 "$APP_PID" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status"; sleep 0.1; done ) \
  > "$WORK/rss.txt" &
SAMPLER_PID=$!
echo "Uploading (load before: $(cut -d' ' -f1-3 /proc/loadavg))..."
RESULT=$(curl -s -o "$WORK/response.json" -w '%{http_code} %{time_total} %{size_upload}' \
  -H "Authorization: Bearer $KEY" -F "file=@$WORK/video.mp4;type=video/mp4" \
  "localhost:$PORT/api/v1/tenants/$TENANT/assets")
kill "$SAMPLER_PID" 2>/dev/null || true
read -r STATUS SECONDS_TOTAL BYTES <<< "$RESULT"
PEAK_DURING_KB=$(sort -n "$WORK/rss.txt" | tail -1)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf 'answer:        %s %s\n' "$STATUS" "$(head -c 300 "$WORK/response.json" | tr -d '\n')"
printf 'video:         %.1f MB\n' "$(echo "$BYTES / 1000000" | bc -l)"
printf 'upload:        %.1f s, %.1f MB/s\n' "$SECONDS_TOTAL" "$(echo "$BYTES / 1000000 / $SECONDS_TOTAL" | bc -l)"
printf 'RSS:           %d MB when ready (peak %d MB during start-up), peak %d MB during the upload\n' \
  "$((READY_RSS_KB / 1024))" "$((READY_PEAK_KB / 1024))" "$((PEAK_DURING_KB / 1024))"
