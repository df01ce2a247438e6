#!/usr/bin/env bash
# The hot-path benchmark: gateway -> invoker -> runtime.
#
# Starts the standalone platform on spare ports with a throw-away data directory, deploys two
# no-op functions behind routes, a python3.11 handler and a java21 RequestHandler (compiled here
# against aws-lambda-java-core and zipped as Lambda packages Java: classes at the zip root), and
# measures each with wrk, at 1 and at 32 connections:
#   - through the gateway (HTTP route, payload 2.0, the full platform), and
#   - straight through the invoker's internal invoke API (the same handler, no gateway),
# so the gateway's share is the difference of two figures measured in one run.
#
#   bench/hot-path.sh                  # 10 s per measurement
#   DURATION=30s bench/hot-path.sh     # longer runs, steadier figures
#   WARMUP=30s bench/hot-path.sh       # drive each path longer before measuring it (default 20s:
#                                      # with 8s the JIT was still compiling the platform's code)
#   ALOFT_JAR=/path/aloft-standalone.jar bench/hot-path.sh   # a launcher jar built elsewhere
#
# Needs wrk (apt-get install wrk), curl, openssl, python3 and a JDK 21 or newer (javac). Prints a
# table per function; exits non-zero if the platform does not come up.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=SCRIPTDIR/lib.sh
. bench/lib.sh

DURATION=${DURATION:-10s}
# The Java function's memory: room for the JVM, as Java functions are usually given.
JAVA_MEMORY_MB=${JAVA_MEMORY_MB:-256}
WARMUP=${WARMUP:-20s}
bench_ports 18080

require_tools wrk curl openssl python3
find_javac
make_work_dir
bench_credentials
start_platform "$GATEWAY_PORT" "$CONTROL_PLANE_PORT"

# Deploys function bench-<id> from a zip behind GET /bench/<id>: deploy ID RUNTIME HANDLER MEMORY_MB ZIP
deploy() {
  local id=$1
  create_function "bench-$id" "$2" "$3" "$4" "$5"
  create_route "{\"method\":\"GET\",\"path\":\"/bench/$id\",\"function\":\"bench-$id\"}"
  curl -sf "localhost:$GATEWAY_PORT/bench/$id" >/dev/null
}

echo "==> Deploying a no-op Python function behind GET /bench/py"
python_zip 'return {"statusCode": 200, "body": "ok"}'
deploy py python3.11 app.handler 128 "$WORK/py.zip"

echo "==> Building and deploying a no-op Java RequestHandler behind GET /bench/java"
java_noop_zip
deploy java java21 bench.Noop::handleRequest "$JAVA_MEMORY_MB" "$WORK/java.zip"

# wrk script for the invoker: a fresh request id per request, the internal token, an empty event.
cat >"$WORK/invoker.lua" <<LUA
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Authorization"] = "Bearer $INTERNAL_TOKEN"
wrk.headers["Content-Type"] = "application/json"
math.randomseed(os.time())
request = function()
  wrk.headers["Aloft-Request-Id"] = string.format("%08x-%04x-4%03x-a%03x-%04x%08x", math.random(0, 0x7fffffff),
    math.random(0, 0xffff), math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0xffff),
    math.random(0, 0x7fffffff))
  return wrk.format()
end
LUA
gateway_url() { echo "http://127.0.0.1:$GATEWAY_PORT/bench/$1"; }
invoker_url() {
  echo "http://127.0.0.1:$INVOKER_PORT/internal/v1/namespaces/default/functions/bench-$1/versions/%24LATEST/invocations"
}
for id in py java; do
  curl -sf -X POST "$(invoker_url "$id")" -H "Authorization: Bearer $INTERNAL_TOKEN" \
    -H "Aloft-Request-Id: $(cat /proc/sys/kernel/random/uuid)" -d '{}' >/dev/null
done

# Runs wrk and prints "p50_ms p99_ms requests_per_second non_2xx".
measure() {
  local connections=$1 url=$2 script=${3:-}
  local threads=$((connections < 2 ? 1 : 2))
  local args=(-t"$threads" -c"$connections" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  wrk "${args[@]}" -d"$DURATION" "$url" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /Requests\/sec/ { rps = $2 } /Non-2xx/ { errors = $NF }
    END { printf "%.3f %.3f %.0f %d\n", p50, p99, rps, errors }'
}

echo "==> Measuring ($DURATION per run after a $WARMUP warm-up; $(nproc) cores)"
declare -A RESULT
for id in py java; do
  for connections in 1 32; do
    RESULT[$id,gateway,$connections]=$(measure "$connections" "$(gateway_url "$id")")
    RESULT[$id,invoker,$connections]=$(measure "$connections" "$(invoker_url "$id")" "$WORK/invoker.lua")
  done
done

for id in py java; do
  title=$([ "$id" = py ] && echo "no-op python3.11, 128 MB" || echo "no-op java21, $JAVA_MEMORY_MB MB")
  printf '\n%-34s %12s %10s %10s %12s %8s\n' "$title" connections "p50 ms" "p99 ms" "requests/s" errors
  for connections in 1 32; do
    for target in gateway invoker; do
      read -r p50 p99 rps errors <<<"${RESULT[$id,$target,$connections]}"
      label=$([ "$target" = gateway ] && echo "through the gateway (route)" || echo "straight to the invoker")
      printf '%-34s %12s %10s %10s %12s %8s\n' "$label" "$connections" "$p50" "$p99" "$rps" "$errors"
    done
  done
  for connections in 1 32; do
    read -r gp50 gp99 grps _ <<<"${RESULT[$id,gateway,$connections]}"
    read -r ip50 ip99 irps _ <<<"${RESULT[$id,invoker,$connections]}"
    awk -v c="$connections" -v gp50="$gp50" -v gp99="$gp99" -v ip50="$ip50" -v ip99="$ip99" -v grps="$grps" -v irps="$irps" \
      'BEGIN { printf "gateway adds at %2d connections: p50 %+.3f ms, p99 %+.3f ms; throughput %.0f%% of direct\n",
        c, gp50 - ip50, gp99 - ip99, (irps > 0 ? 100 * grps / irps : 0) }'
  done
done
