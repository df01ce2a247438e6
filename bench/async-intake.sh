#!/usr/bin/env bash
# The async-intake benchmark: events accepted durably by the event router, and delivered.
#
# Starts the standalone platform on spare ports with a throw-away data directory, deploys a
# no-op Python function, and for each way in:
#   - straight to the router's enqueue API (POST .../async-invocations, the internal token), and
#   - through the gateway, on an async route ("async": true),
# drives wrk for DURATION and reports
#   (a) intake: events/s answered 202 (each one committed to the router's queue first),
#   (b) delivery: from the first event accepted to the last one delivered, events/s, and how
#       long the queue took to drain after the load stopped,
#   (c) loss: the router's counters, accepted (aloft.events.enqueued) against delivered
#       (aloft.events.dispatched, outcome success), must be equal, with nothing dead-lettered.
#
#   bench/async-intake.sh                      # 10 s of load per way in, 32 connections
#   DURATION=30s CONNECTIONS=64 bench/async-intake.sh
#   ALOFT_JAR=/tmp/aloft.jar bench/async-intake.sh   # run that launcher jar instead of ./aloft
#   KEEP_WORK=1 bench/async-intake.sh          # keep the data directory and the platform's log
#
# Needs wrk (apt-get install wrk), curl, openssl and python3. Prints a table; exits non-zero if
# the platform does not come up, an event is lost, or the queue does not drain in DRAIN_TIMEOUT
# seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=SCRIPTDIR/lib.sh
. bench/lib.sh

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-300}
bench_ports 18180

require_tools wrk curl openssl python3
make_work_dir
[ -z "${KEEP_WORK:-}" ] || keep_work_dir
bench_credentials
start_platform "$GATEWAY_PORT" "$CONTROL_PLANE_PORT" "$ROUTER_PORT"

echo "==> Deploying a no-op Python function with an async route POST /bench/async"
python_zip 'return None'
create_function bench-async python3.11 app.handler 128 "$WORK/py.zip"
create_route '{"method":"POST","path":"/bench/async","function":"bench-async","async":true}'

ROUTER_URL="http://127.0.0.1:$ROUTER_PORT/internal/v1/namespaces/default/functions/bench-async/async-invocations"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT/bench/async"

# The router's counters: "accepted delivered failed dead" (sums over tags).
counters() {
  curl -sf "localhost:$ROUTER_PORT/actuator/prometheus" | awk '
    /^aloft_events_enqueued_total/ { accepted += $NF }
    /^aloft_events_dispatched_total/ && /outcome="success"/ { delivered += $NF }
    /^aloft_events_dispatched_total/ && !/outcome="success"/ { failed += $NF }
    /^aloft_events_dead_letters_total/ { dead += $NF }
    END { printf "%d %d %d %d\n", accepted, delivered, failed, dead }'
}

now_ms() { date +%s%3N; }

# Waits until every accepted event is delivered (or DRAIN_TIMEOUT passes); prints the time
# (ms) it saw the last one delivered.
drain() {
  local deadline=$(($(date +%s) + DRAIN_TIMEOUT)) accepted delivered failed dead
  while :; do
    read -r accepted delivered failed dead <<<"$(counters)"
    if [ "$delivered" -ge "$accepted" ]; then
      now_ms
      return 0
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { now_ms; return 1; }
    sleep 0.05
  done
}

# The first events wake the function up: not part of a measurement.
for url in "$ROUTER_URL" "$GATEWAY_URL"; do
  curl -sf -X POST "$url" -H "Authorization: Bearer $INTERNAL_TOKEN" -H 'content-type: application/json' -d '{}' \
    >/dev/null
done
drain >/dev/null || { echo "the warm-up events were not delivered" >&2; exit 1; }

echo "==> Measuring: $DURATION of load per way in at $CONNECTIONS connections; $(nproc) cores"
declare -A RESULT
STATUS=0
for target in router gateway; do
  url=$([ "$target" = router ] && echo "$ROUTER_URL" || echo "$GATEWAY_URL")
  authorization=$([ "$target" = router ] && echo "Bearer $INTERNAL_TOKEN" || echo "")
  read -r accepted0 delivered0 failed0 dead0 <<<"$(counters)"
  start=$(now_ms)
  BENCH_AUTHORIZATION=$authorization wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/async/intake.lua \
    "$url" >"$WORK/wrk-$target.txt"
  stopped=$(now_ms)
  drained=$(drain) || STATUS=1
  read -r accepted1 delivered1 failed1 dead1 <<<"$(counters)"
  answered=$(sed -n 's/^BENCH accepted=\([0-9]*\) refused=\([0-9]*\)/\1 \2/p' "$WORK/wrk-$target.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$target.txt")
  RESULT[$target]="$start $stopped $drained $((accepted1 - accepted0)) $((delivered1 - delivered0)) \
$((failed1 - failed0)) $((dead1 - dead0)) $answered $p99"
done

printf '\n%-22s %10s %10s %10s %12s %12s %10s %9s %9s %8s\n' "no-op python3.11" "202s/s" "p99" "refused" \
  "accepted" "delivered" "e2e ev/s" "drain s" "failures" "lost"
for target in router gateway; do
  read -r start stopped drained accepted delivered failed dead answered refused p99 <<<"${RESULT[$target]}"
  label=$([ "$target" = router ] && echo "router enqueue API" || echo "gateway async route")
  lost=$((accepted - delivered - dead))
  [ "$lost" -eq 0 ] && [ "$dead" -eq 0 ] || STATUS=1
  awk -v label="$label" -v start="$start" -v stopped="$stopped" -v drained="$drained" -v accepted="$accepted" \
    -v delivered="$delivered" -v failed="$failed" -v answered="$answered" -v refused="$refused" -v p99="$p99" \
    -v lost="$lost" 'BEGIN {
      printf "%-22s %10.0f %10s %10d %12d %12d %10.0f %9.1f %9d %8d\n", label, answered * 1000 / (stopped - start),
        p99, refused, accepted, delivered, delivered * 1000 / (drained - start), (drained - stopped) / 1000, failed, lost }'
done
cat <<'TEXT'

202s/s: events answered 202 per second of load (each committed before the answer). accepted and
delivered: the router's counters over the run (delivered = successful invocations). e2e ev/s:
delivered / (first request .. last delivery). drain s: from the end of the load to the last
delivery. failures: failed attempts (retried). lost: accepted - delivered - dead-lettered.
TEXT
exit $STATUS
