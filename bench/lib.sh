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

# The Spring Boot executable jar (the plain one is kept as *.jar.original, which this does not match).
newest_jar() { ls -t target/*.jar 2>/dev/null | head -n 1 || true; }
