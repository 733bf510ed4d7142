#!/usr/bin/env bash
# Forkcast publishing benchmark on the postgres profile (PostgreSQL + Redis): posts due in the same second,
# published through the Meta sandbox with a simulated Graph latency. The sandbox runs as a process of its own (the
# same jar, sandbox on, jobs off, its own H2 database, as deploy/local-cluster.sh runs it), so the CPU time and
# the figures are Forkcast's alone. Two runs on one application:
#   light: LIGHT_POSTS posts (default 100) due at the same second -> publish lateness p50 / p99 / max
#   heavy: POSTS posts (default 10,000) due at the same second -> lateness, time to publish them all,
#          duplicates (the same post twice on the pretend Facebook / Instagram), lost (never published)
# and, for each run, Forkcast's CPU milliseconds per published post: the server process's user + system time from
# /proc between the due time and the last post published, divided by the posts published; beside it the sandbox's,
# PostgreSQL's (all its processes: the server is the machine's) and how busy the machine's CPUs were; and the same
# three per post between the start of the run's creation and its due time (creating the posts, and preparing them
# ahead of their time: see docs/posts.md, "Prepared ahead of the time").
# A run ends when Forkcast has also recorded every post the network took (it does so in a run of the post's job of
# its own, after the burst: docs/posts.md, "Publishing"): the CPU counted includes recording, and the heavy run prints
# when the last was recorded beside when the last went out.
# Half the posts of each run go to the sandbox's Facebook Page (one photo), half to its Instagram account
# (container, status polls, media_publish). They are created through the API, in parallel, before they are due;
# the lateness is measured from the due time.
#
# Run from the repository root:  bench/publish.sh
#
# It builds the executable jar unless a fresh one exists (SKIP_BUILD=1 skips the build), recreates the database
# forkcast_bench_publish, starts the Meta sandbox host and the application on free ports, connects the sandbox's
# Page and Instagram account
# through the OAuth dialog, uploads one photo, runs the light and heavy runs, prints a summary compared against
# the targets and stops the application. Output (application log, summary) goes to bench/out/publish/.
# PostgreSQL (postgres superuser, trust) and Redis must answer on 127.0.0.1.
#
# Environment (all optional):
#   POSTS=10000            posts of the heavy run
#   LIGHT_POSTS=100        posts of the light run
#   WARMUP_POSTS=200       posts published first, not measured (the JIT warms up)
#   LATENCY=50ms           simulated latency of every Graph call
#   LEAD=120               seconds between the start of the heavy run's creation and its due time
#   SHORT_LEAD=15          the same for the warm-up and the light run (raise both on a loaded machine)
#   JOB_THREADS=64         db-scheduler threads (forkcast.jobs.threads)
#   POLLING=lock-and-fetch db-scheduler polling strategy (fetch | lock-and-fetch)
#   POOL=40                database connections (spring.datasource.hikari.maximum-pool-size)
#   POLL=                  forkcast.jobs.polling-interval; empty: the postgres profile's (the runner wakes at each
#                          post's time whatever it is: the polling tick is only a safety net)
#   CREATORS=16            parallel API clients creating the posts
#   TIMEOUT=300            seconds to wait after the due time for everything to be published
#   PORT=18090             port to try first; the next free one is used if it is taken
#   META_PORT=18091        the Meta sandbox host's port to try first
#   READY_TIMEOUT=300      seconds to wait for each process to be ready
#   SKIP_BUILD=1           use the jar in target/ as it is
#   JAR=<file>             run that jar instead (application and sandbox host), never building: an A/B run
#   JVM_OPTS="..."         JVM flags (default: -Xms512m -Xmx1g -XX:+ExitOnOutOfMemoryError)
#   META_JVM_OPTS="..."    the Meta sandbox host's JVM flags (default: -Xms256m -Xmx768m -XX:+ExitOnOutOfMemoryError
#                          -XX:TieredStopAtLevel=1 -XX:+UseSerialGC: the sandbox stands in for Meta's servers and
#                          shares the cores with Forkcast, so it runs on the JIT's first tier only and a one-thread
#                          collector, which take about 40 % off its CPU per post; see bench/README.md)
#
# Exit status: 0 when the runs completed, whether or not the targets were met; non-zero when it could not run.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/bench/out/publish

POSTS=${POSTS:-10000}
LIGHT_POSTS=${LIGHT_POSTS:-100}
WARMUP_POSTS=${WARMUP_POSTS:-200}
LATENCY=${LATENCY:-50ms}
LEAD=${LEAD:-120}
SHORT_LEAD=${SHORT_LEAD:-15}
JOB_THREADS=${JOB_THREADS:-64}
POLLING=${POLLING:-lock-and-fetch}
POOL=${POOL:-40}
CREATORS=${CREATORS:-16}
POLL=${POLL:-}
TIMEOUT=${TIMEOUT:-300}
PORT=${PORT:-18090}
META_PORT=${META_PORT:-18091}
READY_TIMEOUT=${READY_TIMEOUT:-300}
SKIP_BUILD=${SKIP_BUILD:-0}
JVM_OPTS=${JVM_OPTS:--Xms512m -Xmx1g -XX:+ExitOnOutOfMemoryError}
META_JVM_OPTS=${META_JVM_OPTS:--Xms256m -Xmx768m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}

PG_HOST=127.0.0.1
PG_PORT=5432
DB_NAME=forkcast_bench_publish
APP_PID=""
META_PID=""

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench/publish.sh: error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed"; }

stop_pid() {
    local pid=$1 name=$2
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        log "Stopping $name (pid $pid)"
        kill -TERM "$pid"
        for _ in $(seq 1 30); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
}

cleanup() {
    local status=$?
    set +e
    stop_pid "$APP_PID" "the application"
    stop_pid "$META_PID" "the Meta sandbox host"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

need curl
need psql
need python3
need redis-cli

source bench/lib.sh
psql_admin -Atc 'select 1' >/dev/null 2>&1 || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT (user postgres)"
[[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]] || die "Redis does not answer on 127.0.0.1:6379"

JAVA=$(find_java) || die "no JDK >= 21 found (set JAVA_HOME)"

mkdir -p "$OUT"
if [[ -n ${JAR:-} ]]; then
    # Another jar (a copy of main's, say, for an A/B run): used as it is, for the application and the sandbox host.
    [[ -f $JAR ]] || die "JAR=$JAR is not a file"
    JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
else
    JAR=$(newest_jar)
    if [[ $SKIP_BUILD == 1 ]]; then
        [[ -n $JAR ]] || die "SKIP_BUILD=1 but there is no jar in target/"
    elif [[ -z $JAR || -n $(find pom.xml src/main -newer "$JAR" -print -quit) ]]; then
        log "Building the jar (mvn -q -B -DskipTests package, output in bench/out/publish/build.log)"
        need mvn
        mvn -q -B -DskipTests package >"$OUT/build.log" 2>&1 || { tail -n 50 "$OUT/build.log" >&2; die "the build failed"; }
        JAR=$(newest_jar)
    fi
    JAR=$ROOT/$JAR
fi

log "Recreating database $DB_NAME"
psql_admin -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME"

port=$(free_port "$PORT")
TAKEN_PORTS=" $port"
meta_port=$(free_port "$META_PORT")
BASE=http://127.0.0.1:$port
META=http://127.0.0.1:$meta_port
ADMIN_TOKEN=bench_$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')

log "Generating a phone photo to post"
"$JAVA" "$ROOT/bench/GeneratePhotos.java" "$OUT/photo" 1 >/dev/null
PHOTO=$(ls "$OUT"/photo/*.jpg | head -n 1)

# The Meta sandbox host: the embedded default (its own H2 database under bench/out/publish/meta-sandbox), sandbox
# on, jobs off; the application uses it as Graph and as the OAuth dialog. It fetches every image_url from the
# application, as Meta does.
META_LOG=$OUT/meta-sandbox.log
read -r -a meta_jvm_opts <<<"$META_JVM_OPTS"
rm -rf "$OUT/meta-sandbox"
log "Starting the Meta sandbox host on port $meta_port (Graph latency $LATENCY)"
FORKCAST_SANDBOX_GRAPHLATENCY=$LATENCY FORKCAST_SANDBOX_INSTAGRAMPUBLISHINGLIMIT=1000000 LOGGING_LEVEL_ROOT=warn \
    start_meta_sandbox "$JAVA" "$JAR" "$OUT/meta-sandbox" "$meta_port" "$META_LOG" "${meta_jvm_opts[@]}"
META_PID=$META_SANDBOX_PID

APP_LOG=$OUT/app.log
read -r -a jvm_opts <<<"$JVM_OPTS"
log "Starting the application on port $port (jobs: $JOB_THREADS threads, $POLLING; pool $POOL)"
(
    cd "$OUT"
    export SPRING_PROFILES_ACTIVE=postgres
    export SERVER_PORT=$port
    export SPRING_DATASOURCE_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME
    export SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=$POOL
    export FORKCAST_TENANCY_ADMIN_TOKEN=$ADMIN_TOKEN
    export FORKCAST_TENANCY_GENERATE_ADMIN_TOKEN=false
    export FORKCAST_TENANCY_PLANS_BENCH_APICALLSPERHOUR=1000000000
    export FORKCAST_TENANCY_PLANS_BENCH_POSTSPERDAY=1000000
    export FORKCAST_PUBLIC_BASE_URL=$BASE
    export FORKCAST_SANDBOX_ENABLED=false
    export FORKCAST_META_GRAPH_BASE_URL=$META/sandbox/graph
    export FORKCAST_META_DIALOG_BASE_URL=$META/sandbox/www
    export FORKCAST_JOBS_THREADS=$JOB_THREADS
    [[ -z $POLL ]] || export FORKCAST_JOBS_POLLINGINTERVAL=$POLL
    export FORKCAST_JOBS_POLLINGSTRATEGY=$POLLING
    # The profile's 10 s socket timeout guards against a silent network; on a loaded machine a transaction queued
    # behind others on the tenant's day counter can wait longer than that, which is not what this measures.
    exec "$JAVA" "${jvm_opts[@]}" -jar "$JAR" --logging.level.root=warn \
        --spring.datasource.hikari.data-source-properties.socketTimeout=60
) >"$APP_LOG" 2>&1 &
APP_PID=$!

wait_ready() {
    local name=$1 url=$2 pid=$3 logfile=$4 deadline=$((SECONDS + READY_TIMEOUT))
    until curl -sf --max-time 2 "$url/actuator/health/readiness" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logfile" >&2; die "$name exited during startup"; }
        (( SECONDS < deadline )) || { tail -n 40 "$logfile" >&2; die "$name is not ready after $READY_TIMEOUT s"; }
        sleep 1
    done
    log "$name ready"
}
wait_ready "the Meta sandbox host" "$META" "$META_PID" "$META_LOG"
wait_ready "the application" "$BASE" "$APP_PID" "$APP_LOG"

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
python3 - "$BASE" "$ADMIN_TOKEN" "$PHOTO" "$LIGHT_POSTS" "$POSTS" "$LEAD" "$CREATORS" "$TIMEOUT" "$WARMUP_POSTS" \
    "$META" "$APP_PID" "$META_PID" "$SHORT_LEAD" "host=$PG_HOST port=$PG_PORT dbname=$DB_NAME user=postgres" \
    <<'PY' | tee "$OUT/summary.txt"
import concurrent.futures, datetime, html, json, os, re, subprocess, sys, time, urllib.error, urllib.parse, \
    urllib.request, uuid

base, admin, photo = sys.argv[1], sys.argv[2], sys.argv[3]
light, heavy, lead, creators, timeout, warmup = (int(a) for a in sys.argv[4:10])
meta, app_pid, meta_pid, short_lead = sys.argv[10], int(sys.argv[11]), int(sys.argv[12]), int(sys.argv[13])
database = sys.argv[14]
ticks = os.sysconf("SC_CLK_TCK")

def cpu_ms(pid):
    """user + system CPU time of a process so far, in milliseconds (/proc/<pid>/stat, fields 14 and 15)"""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks

def postgres_cpu_ms():
    """user + system CPU time of every PostgreSQL process so far, with that of its exited children, in milliseconds
    (the server is the machine's; other work on it is counted too)"""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                raw = stat.read()
        except OSError:
            continue
        if raw[raw.index("(") + 1:raw.rindex(")")] != "postgres":
            continue
        fields = raw.rsplit(")", 1)[1].split()
        total += sum(int(f) for f in fields[11:15])
    return total * 1000 / ticks

def machine_busy():
    """(busy, total) CPU ticks of the whole machine so far (/proc/stat)"""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

plain = urllib.request.build_opener(NoRedirect)

def call(method, path, token=None, body=None, headers=None, raw=None):
    url = path if path.startswith("http") else base + path
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with plain.open(request, timeout=60) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers

def ok(result, what):
    status, body, _ = result
    if status // 100 != 2:
        sys.exit(f"bench/publish.sh: error: {what} answered {status}: {body[:300]!r}")
    return json.loads(body) if body else None

def log(text):
    print("==> " + text, file=sys.stderr, flush=True)

def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

tenant = ok(call("POST", "/api/v1/tenants", admin, {"name": "Bench Brasserie", "email": "bench@example.com",
                                                  "plan": "bench"}), "create tenant")["id"]
key = ok(call("POST", f"/api/v1/tenants/{tenant}/api-keys", admin, {"name": "bench", "scopes": ["read", "write"]}),
         "create key")["key"]

# Connect the sandbox's Page and its Instagram account through the OAuth dialog, as a browser would.
link = ok(call("GET", f"/api/v1/oauth/facebook/authorize?tenant_id={tenant}", key), "authorize")["authorization_url"]
_, page, _ = call("GET", link)
page = page.decode()
action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
fields = [(n, html.unescape(v)) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)]
fields += [("page", v) for v in re.findall(r'<input type="checkbox" name="page" value="([^"]*)"', page)]
fields.append(("decision", "approve"))
status, _, headers = call("POST", urllib.parse.urljoin(link, action), raw=urllib.parse.urlencode(fields).encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
ok(call("GET", headers["Location"], headers={"Accept": "application/json"}), "callback")
accounts = ok(call("GET", f"/api/v1/tenants/{tenant}/accounts", key), "accounts")["items"]
facebook = next(a["id"] for a in accounts if a["platform"] == "facebook")
instagram = next(a["id"] for a in accounts if a["platform"] == "instagram")

boundary = "----bench" + uuid.uuid4().hex
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dish.jpg\"\r\n"
        f"Content-Type: image/jpeg\r\n\r\n").encode() + open(photo, "rb").read() + f"\r\n--{boundary}--\r\n".encode()
asset = ok(call("POST", f"/api/v1/tenants/{tenant}/assets", key, raw=body,
                headers={"Content-Type": "multipart/form-data; boundary=" + boundary}), "upload")["id"]

def create_all(count, label, due):
    """count posts (one request per Page + Instagram pair), all due at `due`, created in parallel."""
    def one(i):
        return call("POST", f"/api/v1/tenants/{tenant}/posts", key, {
            "targets": [{"account_id": facebook}, {"account_id": instagram}], "caption": f"{label} dish {i}",
            "asset_ids": [asset],
            "scheduled_for": datetime.datetime.fromtimestamp(due, datetime.timezone.utc).isoformat()})
    with concurrent.futures.ThreadPoolExecutor(creators) as pool:
        for status, body, _ in pool.map(one, range(count // 2)):
            if status != 201:
                sys.exit(f"bench/publish.sh: error: creating a post answered {status}: {body[:300]!r}")

def posts_of(label):
    """the deliveries of the run's posts (one per network), each with its post's scheduled_for"""
    rows, cursor = [], None
    while True:
        page = ok(call("GET", f"/api/v1/tenants/{tenant}/posts?limit=200" + (f"&cursor={cursor}" if cursor else ""),
                       key), "list posts")
        rows += [dict(d, scheduled_for=p["scheduled_for"]) for p in page["items"]
                 if p["caption"].startswith(label + " ") for d in p["deliveries"]]
        cursor = page.get("next_cursor")
        if not cursor:
            return rows

def sandbox_published(label):
    return ok(call("GET", meta + "/sandbox/admin/published?caption_prefix=" + urllib.parse.quote(label + " ")),
              "sandbox published")["data"]

def sandbox_published_count(label):
    """what the run waits on: a count, so that waiting costs the sandbox (and this script) next to nothing"""
    return ok(call("GET", meta + "/sandbox/admin/published/count?caption_prefix=" + urllib.parse.quote(label + " ")),
              "sandbox published count")["count"]

def recorded_count(label):
    """how many of the run's deliveries Forkcast has recorded published (its own database, read directly)"""
    done = subprocess.run(["psql", "-d", database, "-Atc", "select count(*) from post_deliveries d join posts p on "
                           f"p.id = d.post_id where d.status = 'published' and p.caption like '{label} %'"],
                          capture_output=True, text=True)
    return int(done.stdout.strip() or 0) if done.returncode == 0 else 0

def snapshot():
    """the CPU so far of Forkcast, the sandbox and PostgreSQL"""
    return cpu_ms(app_pid), cpu_ms(meta_pid), postgres_cpu_ms()

def run(count, label, due, before):
    while time.time() < due:
        time.sleep(0.05)
    cpu_at_due, meta_cpu_at_due = cpu_ms(app_pid), cpu_ms(meta_pid)
    # Between the start of the run's creation and its due time: creating the posts and preparing them ahead.
    ahead = [(now - then) / max(1, count) for now, then in zip(snapshot(), before)]
    pg_at_due, busy_at_due = postgres_cpu_ms(), machine_busy()
    deadline = due + timeout
    while time.time() < deadline:
        if sandbox_published_count(label) >= count:
            break
        time.sleep(0.5)
    # Forkcast records a post the network took in a run of its own, after every post due at once went out
    # (docs/posts.md, "Publishing"): the CPU counted runs until all are recorded, recording included.
    while time.time() < deadline:
        if recorded_count(label) >= count:
            break
        time.sleep(0.5)
    recorded = time.time() - due
    cpu, meta_cpu = cpu_ms(app_pid) - cpu_at_due, cpu_ms(meta_pid) - meta_cpu_at_due
    pg_cpu, busy = postgres_cpu_ms() - pg_at_due, machine_busy()
    busy_share = (busy[0] - busy_at_due[0]) / max(1, busy[1] - busy_at_due[1])
    time.sleep(2)  # anything published twice would show up now
    rows = posts_of(label)
    published = [p for p in rows if p["status"] == "published"]
    late = sorted(parse_time(p["posted_at"]) - parse_time(p["scheduled_for"]) for p in published)
    by_network = {}
    for p in published:
        by_network.setdefault(p["platform"], []).append(parse_time(p["posted_at"]) - parse_time(p["scheduled_for"]))
    on_platform = sandbox_published(label)
    distinct = {(p["owner_id"], p["caption"]) for p in on_platform}
    def percentile(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")
    pick = lambda q: percentile(late, q)
    return {"created": len(rows), "published": len(published), "p50": pick(0.50), "p99": pick(0.99),
            "max": late[-1] if late else float("nan"),
            "networks": {n: (percentile(v, 0.50), percentile(v, 0.99)) for n, v in sorted(by_network.items())},
            "all": (max(parse_time(p["posted_at"]) for p in published) - due) if published else float("nan"),
            "recorded": recorded,
            "duplicates": len(on_platform) - len(distinct), "lost": len(rows) - len(distinct),
            "not_published": len(rows) - len(published),
            "cpu_per_post": cpu / len(published) if published else float("nan"),
            "meta_cpu_per_post": meta_cpu / len(published) if published else float("nan"),
            "pg_cpu_per_post": pg_cpu / len(published) if published else float("nan"), "busy": busy_share,
            "ahead": ahead}

def at(due):
    return datetime.datetime.fromtimestamp(due, datetime.timezone.utc).strftime("%H:%M:%S UTC")

due = int(time.time()) + short_lead
log(f"Warm-up: {warmup} posts due at {at(due)}, in {short_lead} s (not measured)")
before = snapshot()
create_all(warmup, "warmup", due)
run(warmup, "warmup", due, before)

due = int(time.time()) + short_lead
log(f"Light run: {light} posts due at {at(due)}, in {short_lead} s")
before = snapshot()
create_all(light, "light", due)
light_result = run(light, "light", due, before)

start = time.time()
due = int(start) + lead
log(f"Heavy run: creating {heavy} posts due at {at(due)}, in {lead} s")
before = snapshot()
create_all(heavy, "heavy", due)
created_in = time.time() - start
if time.time() >= due:
    sys.exit(f"bench/publish.sh: error: creating the posts took {created_in:.0f} s, past the due time; raise LEAD")
log(f"Created in {created_in:.1f} s; waiting for the due time")
heavy_result = run(heavy, "heavy", due, before)

def verdict(good):
    return "PASS" if good else "MISS"

r, h = light_result, heavy_result
print()
print(f"light: {r['created']} posts due at the same second: published {r['published']}, "
      f"lateness p50 {r['p50']:.3f} s  p99 {r['p99']:.3f} s  max {r['max']:.3f} s; duplicates {r['duplicates']}, "
      f"lost {r['lost']}")
def networks(result):
    return "; ".join(f"{n} p50 {p50:.3f} s  p99 {p99:.3f} s" for n, (p50, p99) in result["networks"].items())
print(f"       by network: {networks(r)}")
print(f"       Forkcast CPU {r['cpu_per_post']:.1f} ms per published post (the sandbox's: "
      f"{r['meta_cpu_per_post']:.1f} ms; PostgreSQL's: {r['pg_cpu_per_post']:.1f} ms; the machine's CPUs "
      f"{100 * r['busy']:.0f} % busy)")
def before_the_time(result):
    f, m, p = result["ahead"]
    return (f"       before the due time (creating the posts and preparing them): Forkcast CPU {f:.1f} ms per post "
            f"(the sandbox's: {m:.1f} ms; PostgreSQL's: {p:.1f} ms)")
print(before_the_time(r))
print(f"heavy: {h['created']} posts due at the same second (created in {created_in:.1f} s beforehand): "
      f"published {h['published']}")
print(f"       lateness p50 {h['p50']:.3f} s  p99 {h['p99']:.3f} s  max {h['max']:.3f} s")
print(f"       by network: {networks(h)}")
print(f"       all published {h['all']:.1f} s after the due time (all recorded by Forkcast {h['recorded']:.1f} s "
      f"after it); duplicates {h['duplicates']}, lost {h['lost']}")
print(f"       Forkcast CPU {h['cpu_per_post']:.1f} ms per published post (the sandbox's: "
      f"{h['meta_cpu_per_post']:.1f} ms; PostgreSQL's: {h['pg_cpu_per_post']:.1f} ms; the machine's CPUs "
      f"{100 * h['busy']:.0f} % busy)")
print(before_the_time(h))
print()
print("targets:")
print(f"  light p99 <= 1 s          {r['p99']:.3f} s   {verdict(r['p99'] <= 1.0)}")
print(f"  heavy all within 120 s    {h['all']:.1f} s   {verdict(h['all'] <= 120 and h['not_published'] == 0)}")
print(f"  duplicates == 0           {r['duplicates'] + h['duplicates']}   {verdict(r['duplicates'] + h['duplicates'] == 0)}")
print(f"  lost == 0                 {r['lost'] + h['lost']}   {verdict(r['lost'] + h['lost'] == 0)}")
PY
echo "host: $(nproc) CPUs, load average when the runs started: $LOAD_AT_START, when they ended: $(cut -d' ' -f1-3 /proc/loadavg); Graph latency $LATENCY; jobs: $JOB_THREADS threads, $POLLING, polling ${POLL:-as the profile sets}; pool $POOL" | tee -a "$OUT/summary.txt"
