# Shell functions shared by the benchmarks and deploy/local-cluster.sh; sourced, not run. The sourcing script
# defines die, runs from the repository root and sets PG_HOST / PG_PORT.

# psql as the postgres superuser on the server the script uses.
psql_admin() {
    PGCONNECT_TIMEOUT=3 PGOPTIONS='-c client_min_messages=warning' \
        psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 "$@"
}

# A port is taken when something accepts a connection on it.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The given port, or the next free one above it (other work on the machine may hold it); ports listed in
# TAKEN_PORTS are skipped too, so that several can be chosen before anything listens on them.
free_port() {
    local port=$1
    while port_taken "$port" || [[ " ${TAKEN_PORTS:-} " == *" $port "* ]]; do
        (( port < $1 + 100 )) || die "no free port in $1..$(( $1 + 100 ))"
        port=$((port + 1))
    done
    echo "$port"
}

# The major version of a java executable (8 for 1.8, 21, 25 ...), empty if it cannot be run.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 \
        | awk -F' = ' '$1 ~ /java\.specification\.version$/ { n = split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

# $JAVA_HOME if it is a JDK >= 21, else the newest JDK >= 21 under /usr/lib/jvm, else `java` on PATH if >= 21.
find_java() {
    local candidate major best="" best_major=0
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        major=$(java_major "$JAVA_HOME/bin/java" || true)
        if (( ${major:-0} >= 21 )); then echo "$JAVA_HOME/bin/java"; return; fi
    fi
    for candidate in /usr/lib/jvm/*/bin/java $(command -v java || true); do
        [[ -x $candidate ]] || continue
        major=$(java_major "$candidate" || true)
        if (( ${major:-0} >= 21 && ${major:-0} > best_major )); then
            best=$candidate
            best_major=$major
        fi
    done
    [[ -n $best ]] && echo "$best"
}

# The JVM flags of a small instance of the embedded default, as `mvn spring-boot:run` passes them (pom.xml's
# spring-boot.run.jvmArguments) and docs/operations.md names them: the benchmarks of the embedded default start the
# jar with what the README starts.
small_instance_flags() { sed -n 's:.*<spring-boot.run.jvmArguments>\(.*\)</spring-boot.run.jvmArguments>.*:\1:p' pom.xml; }

# The Spring Boot executable jar (the plain one is kept as *.jar.original, which this does not match).
newest_jar() { ls -t target/*.jar 2>/dev/null | head -n 1 || true; }

# Extracts a Spring Boot executable jar into a directory (the application jar with its libraries in lib/ beside it,
# named in its manifest's Class-Path) and prints the path of the application jar. Class data sharing and the
# ahead-of-time cache need this layout: they cache classes from plain jars on the class path, not from jars nested
# in a jar.
extract_jar() {
    local java=$1 jar=$2 destination=$3
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$destination" >/dev/null \
        || die "could not extract $jar"
    echo "$destination/$(basename "$jar")"
}

# Makes the JVM's start-up cache for an extracted application jar with a training run in a scratch directory (the
# embedded default, its own ./data): the application starts, answers readiness and a few first requests (the API
# without a key, the sign-in page), then stops on SIGTERM, and the JVM writes the cache as it exits. Trained this way
# the cache holds what a start does up to readiness (the web server's start, the jobs' first queries, the health
# checks), not only the context's refresh. JDK 25 and later write an ahead-of-time cache (-XX:AOTCacheOutput: classes
# loaded and linked, method profiles); JDK 21 to 24 a dynamic class data sharing archive (-XX:ArchiveClassesAtExit).
# The cache sits beside the jar and holds only for that JDK and that class path.
# Prints the JVM flag that uses it. Usage: make_startup_cache JAVA APP_JAR SCRATCH_DIR LOG [JVM flags...]
make_startup_cache() {
    local java=$1 app=$2 scratch=$3 log=$4 cache flag port pid path
    shift 4
    if (( $(java_major "$java") >= 25 )); then
        cache=${app%.jar}.aot
        flag="-XX:AOTCache=$cache"
        set -- "$@" "-XX:AOTCacheOutput=$cache"
    else
        cache=${app%.jar}.jsa
        flag="-XX:SharedArchiveFile=$cache"
        set -- "$@" "-XX:ArchiveClassesAtExit=$cache"
    fi
    mkdir -p "$scratch"
    port=$(TAKEN_PORTS="${PORT:-}" free_port 18390)
    (cd "$scratch" && exec "$java" "$@" -jar "$app" --server.port="$port" --logging.structured.format.console= \
        > "$log" 2>&1) &
    pid=$!
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
            "http://127.0.0.1:$port/actuator/health/readiness" || true) == 200 ]]; do
        kill -0 "$pid" 2>/dev/null || die "the training run stopped before it was ready (log: $log)"
        sleep 0.2
    done
    for path in /actuator/health/readiness /api/v1/tenants /app/sign-in /actuator/health/readiness; do
        curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$port$path" || true
    done
    kill -TERM "$pid"
    wait "$pid" || true
    [[ -s $cache ]] || die "the training run wrote no cache (log: $log)"
    echo "$flag"
}

# Starts the Meta sandbox host in the background, a child of the calling shell, and sets META_SANDBOX_PID: the same
# jar on the embedded default (its own H2 database in DIR), sandbox on, jobs off, answering on
# http://127.0.0.1:PORT; output to LOG. Forkcast instances use it as Graph and as the OAuth dialog
# (forkcast.meta.graph-base-url, dialog-base-url). Settings of the sandbox come from the environment
# (FORKCAST_SANDBOX_GRAPHLATENCY=50ms start_meta_sandbox ..., say).
# Usage: start_meta_sandbox JAVA JAR DIR PORT LOG [JVM flags...]
start_meta_sandbox() {
    local java=$1 jar=$2 dir=$3 port=$4 log=$5
    shift 5
    mkdir -p "$dir"
    (
        cd "$dir"
        export SERVER_PORT=$port
        export FORKCAST_SANDBOX_ENABLED=true
        export FORKCAST_JOBS_ENABLED=false
        export FORKCAST_INSTANCE_ID=meta-sandbox
        export FORKCAST_PUBLIC_BASE_URL=http://127.0.0.1:$port
        exec "$java" "$@" -jar "$jar"
    ) >"$log" 2>&1 &
    META_SANDBOX_PID=$!
}
