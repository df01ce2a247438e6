#!/usr/bin/env bash
# The cold-start benchmark: how long the first invocation of a function takes, per runtime, with
# and without the invoker's pre-started runtimes, and how long a warm one takes.
#
# Runs the standalone platform twice on spare ports with throw-away data directories: once with
# the pre-started pool as configured by default (one Python, one Node.js and one Java runtime per
# pre-started memory size), its memory sizes 128 MB and the Java function's, once with pre-starting
# off. Each run deploys fresh functions (python3.11, nodejs20.x and a java21 RequestHandler
# compiled here against aws-lambda-java-core) and invokes each once, straight into the invoker's
# internal invoke API, so every call is a cold start; with the pool on it waits until the pool has
# refilled before each one (the steady state of a pool that keeps up). Then it invokes one function
# per runtime over and over on one kept-alive connection: the warm latency. For every cold start it
# records the client's time (request sent to answer read) and the Init Duration the REPORT line
# gives.
#
#   bench/cold-start.sh                      # 20 cold starts per runtime and mode
#   COLD_STARTS=50 WARM=1000 bench/cold-start.sh
#   ALOFT_JAR=/path/aloft-standalone.jar bench/cold-start.sh   # a launcher jar built elsewhere
#
# Needs curl, openssl, python3 and a JDK 21 or newer (javac). Prints a table; exits non-zero if
# the platform does not come up or an invocation fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=SCRIPTDIR/lib.sh
. bench/lib.sh

COLD_STARTS=${COLD_STARTS:-20}
JAVA_COLD_STARTS=${JAVA_COLD_STARTS:-$COLD_STARTS}
WARM=${WARM:-500}
# The Java function's memory: room for the JVM, as Java functions are usually given.
JAVA_MEMORY_MB=${JAVA_MEMORY_MB:-256}
bench_ports 18180

require_tools --no-install-hint curl openssl python3 node
find_javac
make_work_dir
bench_credentials
# Environments of functions already measured go soon: they would only take memory and CPU.
export ALOFT_INVOKER_POOL_IDLE_TIMEOUT=${ALOFT_INVOKER_POOL_IDLE_TIMEOUT:-3s}

echo "==> Building the functions"
python_zip 'return {"statusCode": 200, "body": "ok"}'
mkdir -p "$WORK/node"
printf '%s\n' 'exports.handler = async () => ({ statusCode: 200, body: "ok" });' >"$WORK/node/index.js"
(cd "$WORK/node" && python3 -m zipfile -c ../node.zip index.js)
java_noop_zip

# Deploys the functions of one run, measures, and appends its figures to $WORK/results.
measure() {
  local label=$1
  python3 - "$label" "$WORK" "$CONTROL_PLANE_PORT" "$INVOKER_PORT" "$INTERNAL_TOKEN" "$COLD_STARTS" \
    "$JAVA_COLD_STARTS" "$WARM" "$JAVA_MEMORY_MB" "$PRESTART_SIZES" <<'PY'
import base64, http.client, json, os, re, sys, time, uuid

label, work, cp_port, inv_port, token = sys.argv[1:6]
cold_starts, java_cold_starts, warm_count, java_memory = (int(v) for v in sys.argv[6:10])
# Each family keeps one runtime per pre-started size ready; the refill is complete when all are.
prestart_sizes = len(set(sys.argv[10].split(",")))
auth = "Bearer %s:%s" % (os.environ["ALOFT_ADMIN_ACCESS_KEY_ID"], os.environ["ALOFT_ADMIN_SECRET_ACCESS_KEY"])
runtimes = [("python3.11", "app.handler", 128, "py.zip", cold_starts, "python"),
            ("nodejs20.x", "index.handler", 128, "node.zip", cold_starts, "nodejs"),
            ("java21", "bench.Noop::handleRequest", java_memory, "java.zip", java_cold_starts, "java")]


def create(name, runtime, handler, memory, zip_name):
    boundary = uuid.uuid4().hex
    config = json.dumps({"name": name, "runtime": runtime, "handler": handler, "memoryMb": memory})
    with open("%s/%s" % (work, zip_name), "rb") as f:
        code = f.read()
    body = (("--%s\r\nContent-Disposition: form-data; name=\"configuration\"\r\nContent-Type: application/json\r\n\r\n%s\r\n"
             "--%s\r\nContent-Disposition: form-data; name=\"code\"; filename=\"code.zip\"\r\nContent-Type: application/zip\r\n\r\n")
            % (boundary, config, boundary)).encode() + code + ("\r\n--%s--\r\n" % boundary).encode()
    conn = http.client.HTTPConnection("127.0.0.1", int(cp_port))
    conn.request("POST", "/v1/namespaces/default/functions", body,
                 {"Authorization": auth, "Content-Type": "multipart/form-data; boundary=" + boundary})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    if response.status not in (200, 201):
        sys.exit("creating %s: %d %s" % (name, response.status, data[:300]))


invoker = http.client.HTTPConnection("127.0.0.1", int(inv_port))


def invoke(name, tail=False):
    """One invocation straight into the invoker: (status, client ms, log tail)."""
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json",
               "Aloft-Request-Id": str(uuid.uuid4())}
    if tail:
        headers["Aloft-Log-Type"] = "Tail"
    path = "/internal/v1/namespaces/default/functions/%s/versions/%%24LATEST/invocations" % name
    started = time.perf_counter()
    invoker.request("POST", path, b"{}", headers)
    response = invoker.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    log = response.getheader("Aloft-Log-Result")
    return response.status, elapsed, base64.b64decode(log).decode("utf-8", "replace") if log else ""


def prestarted_ready(family):
    conn = http.client.HTTPConnection("127.0.0.1", int(inv_port))
    conn.request("GET", "/actuator/prometheus")
    text = conn.getresponse().read().decode()
    conn.close()
    match = re.search(r'^aloft_pool_prestarted\{[^}]*family="%s"[^}]*\} (\S+)' % family, text, re.M)
    return float(match.group(1)) if match else 0.0


def percentile(values, p):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, -(-p * len(ordered) // 100) - 1)]


print("    deploying %d python3.11, %d nodejs20.x and %d java21 functions" % (cold_starts, cold_starts, java_cold_starts),
      flush=True)
for runtime, handler, memory, zip_name, count, _ in runtimes:
    for i in range(count):
        create("cold-%s-%d" % (runtime.replace(".", ""), i), runtime, handler, memory, zip_name)
# The invoker follows the control plane's feed in order: once it knows the last function, it
# knows them all. The probe's own (cold) invocations are not measured.
create("probe", "python3.11", "app.handler", 256, "py.zip")
deadline = time.time() + 60
while invoke("probe")[0] != 200:
    if time.time() > deadline:
        sys.exit("the invoker never learnt of the functions")
    time.sleep(0.2)

results = {}
for runtime, handler, memory, zip_name, count, family in runtimes:
    clients, inits = [], []
    for i in range(count):
        name = "cold-%s-%d" % (runtime.replace(".", ""), i)
        if label == "pool":
            deadline = time.time() + 30
            while prestarted_ready(family) < prestart_sizes:
                if time.time() > deadline:
                    sys.exit("the %s pool did not refill (pre-started JVMs need a JDK 22 or newer)" % family)
                time.sleep(0.02)
        else:
            time.sleep(0.3)  # let the previous start settle, as the pool run waits for its refill
        status, elapsed, log = invoke(name, tail=True)
        if status != 200:
            sys.exit("cold start of %s answered %d" % (name, status))
        match = re.search(r"Init Duration: ([0-9.]+) ms", log)
        if not match:
            sys.exit("cold start of %s reported no Init Duration: %s" % (name, log))
        clients.append(elapsed)
        inits.append(float(match.group(1)))
    warm = []
    name = "cold-%s-0" % runtime.replace(".", "")
    for _ in range(max(20, warm_count // 10)):
        invoke(name)
    for _ in range(warm_count):
        status, elapsed, _ = invoke(name)
        if status != 200:
            sys.exit("warm invocation of %s answered %d" % (name, status))
        warm.append(elapsed)
    results[runtime] = clients, inits, warm
    print("    %s: %d cold starts, %d warm invocations" % (runtime, len(clients), len(warm)), flush=True)

with open("%s/results" % work, "a") as out:
    for runtime, (clients, inits, warm) in results.items():
        out.write("%s %s %d %.1f %.1f %.1f %.1f %.2f %.2f %.2f\n" % (
            label, runtime, len(clients), percentile(clients, 50), percentile(clients, 95), percentile(inits, 50),
            percentile(inits, 95), percentile(warm, 50), percentile(warm, 95), percentile(warm, 99)))
PY
}

# Pre-started runtimes of 128 MB (the default) and of the Java function's size.
PRESTART_SIZES=128
[ "$JAVA_MEMORY_MB" = 128 ] || PRESTART_SIZES=128,$JAVA_MEMORY_MB
export ALOFT_INVOKER_POOL_PRESTART_MEMORY_SIZES=$PRESTART_SIZES
start_platform --label pool "$GATEWAY_PORT" "$INVOKER_PORT"
measure pool
stop_platform

export ALOFT_INVOKER_POOL_PRESTART_RUNTIMES_PYTHON=0 ALOFT_INVOKER_POOL_PRESTART_RUNTIMES_NODEJS=0 \
  ALOFT_INVOKER_POOL_PRESTART_RUNTIMES_JAVA=0
start_platform --label no-pool "$GATEWAY_PORT" "$INVOKER_PORT"
measure no-pool
stop_platform

echo
echo "Cold starts straight into the invoker ($(nproc) cores, $(date -u +%Y-%m-%d)); client = request sent to answer read"
printf '%-12s %-22s %6s %11s %11s %10s %10s %10s %10s %10s\n' runtime "pre-started pool" starts \
  "client p50" "client p95" "init p50" "init p95" "warm p50" "warm p95" "warm p99"
sort -k2,2 -k1,1r "$WORK/results" | while read -r label runtime n cp50 cp95 ip50 ip95 wp50 wp95 wp99; do
  pool=$([ "$label" = pool ] && echo "on" || echo "off")
  printf '%-12s %-22s %6s %8s ms %8s ms %7s ms %7s ms %7s ms %7s ms %7s ms\n' "$runtime" "$pool" "$n" "$cp50" "$cp95" \
    "$ip50" "$ip95" "$wp50" "$wp95" "$wp99"
done
