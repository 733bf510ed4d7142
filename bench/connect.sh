#!/usr/bin/env bash
# Measures the connect flow end to end against the built-in sandbox: for N rounds, ask for a connect link, load
# the sandbox's consent page, approve both Pages, and time the callback (code exchange, long-lived token,
# debug_token, pages, Instagram accounts, sealing and storing five tokens). Runs the embedded default on an
# in-memory database, so it leaves nothing behind. Usage: bench/connect.sh [rounds]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-50}
PORT=18089
BASE=http://localhost:$PORT
OPERATOR=bench-operator-token-0123456789abcdef

mvn -B -q -DskipTests package
JAR=$(ls target/forkcast-*.jar | grep -v original | head -1)
KEY=$(python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')
# A JDK >= 21 (the build picks one by itself; `java` on PATH may be older).
JAVA=java
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java; do
  if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then JAVA=$candidate; break; fi
done
"$JAVA" -jar "$JAR" --server.port=$PORT \
  "--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" \
  --forkcast.tenancy.admin-token=$OPERATOR --forkcast.vault.keys.bench=$KEY --forkcast.jobs.enabled=false \
  --logging.level.root=warn > /tmp/forkcast-bench-connect.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf $BASE/actuator/health/readiness >/dev/null && break; sleep 1; done

TENANT=$(curl -sf -X POST $BASE/api/v1/tenants -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"name":"Bench Trattoria","email":"bench@example.com","plan":"enterprise"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
APIKEY=$(curl -sf -X POST $BASE/api/v1/tenants/$TENANT/api-keys -H "Authorization: Bearer $OPERATOR" \
  -H 'Content-Type: application/json' -d '{"name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')

connect_once() {
  local url dialog form location
  url=$(curl -sf "$BASE/api/v1/oauth/facebook/authorize?tenant_id=$TENANT" -H "Authorization: Bearer $APIKEY" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["authorization_url"])')
  dialog=$(curl -sf "$url")
  form=$(printf '%s' "$dialog" | python3 -c '
import html, re, sys, urllib.parse
page = sys.stdin.read()
fields = [(n, html.unescape(v)) for n, v in re.findall(r"<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">", page)]
fields += [("page", v) for v in re.findall(r"<input type=\"checkbox\" name=\"page\" value=\"([^\"]*)\"", page)]
fields.append(("decision", "approve"))
print(urllib.parse.urlencode(fields))')
  location=$(curl -s -o /dev/null -w '%{redirect_url}' -X POST "$BASE/sandbox/www/v26.0/dialog/oauth" --data "$form")
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Accept: application/json' "$location"
}

for _ in 1 2 3 4 5; do connect_once >/dev/null; done   # warm-up
START=$(date +%s.%N)
for _ in $(seq 1 "$ROUNDS"); do connect_once; done > /tmp/forkcast-bench-connect.times
END=$(date +%s.%N)
python3 - "$ROUNDS" "$START" "$END" <<'PY'
import sys
rounds, start, end = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
rows = [line.split() for line in open("/tmp/forkcast-bench-connect.times")]
times = sorted(float(t) * 1000 for _, t in rows)
failed = sum(1 for code, _ in rows if code != "200")
p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"connects: {rounds}, non-200 callbacks: {failed}")
print(f"callback latency ms: avg {sum(times)/len(times):.1f}, p50 {p(0.5):.1f}, p95 {p(0.95):.1f}, max {times[-1]:.1f}")
print(f"whole flow (authorize, consent page, approve, callback), sequential: {rounds/(end-start):.1f} connects/s")
PY
