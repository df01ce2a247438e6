# shellcheck shell=bash
# What the benchmark scripts share (hot-path.sh, cold-start.sh, async-intake.sh): each sources this
# file from the repository's root (they `cd` there first), under `set -euo pipefail`. It only defines
# functions; a script calls those it needs, in its own order. A function that fails reports on
# stderr and exits the script with status 1.

# bench_ports DEFAULT_BASE_PORT: BASE_PORT (from the environment, else DEFAULT_BASE_PORT) and the
# ports the standalone platform listens on from there: GATEWAY_PORT, CONTROL_PLANE_PORT,
# INVOKER_PORT, ROUTER_PORT and RUNTIME_API_PORT.
bench_ports() {
  BASE_PORT=${BASE_PORT:-$1}
  GATEWAY_PORT=$BASE_PORT
  CONTROL_PLANE_PORT=$((BASE_PORT + 1))
  INVOKER_PORT=$((BASE_PORT + 2))
  ROUTER_PORT=$((BASE_PORT + 3))
  RUNTIME_API_PORT=$((BASE_PORT + 4))
}

# require_tools [--no-install-hint] TOOL...: exits naming the first TOOL that is not on the PATH,
# with the apt-get line that installs it unless --no-install-hint (for a tool whose package is named
# otherwise, such as node).
require_tools() {
  local hint=1 tool
  if [ "${1:-}" = --no-install-hint ]; then
    hint=
    shift
  fi
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool${hint:+ (apt-get install -y $tool)}" >&2; exit 1; }
  done
}

# find_javac: JAVAC, a javac that compiles for Java 21: JAVA_HOME's, the one on the PATH, or any
# installed JDK. Exits if there is none.
find_javac() {
  local candidate
  JAVAC=
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/javac}" "$(command -v javac 2>/dev/null || true)" /usr/lib/jvm/*/bin/javac; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" --release 21 -version >/dev/null 2>&1; then
      JAVAC=$candidate
      break
    fi
  done
  [ -n "$JAVAC" ] || { echo "bench needs a JDK 21 or newer (javac) for its Java function: set JAVA_HOME" >&2; exit 1; }
}

# make_work_dir: WORK, a fresh temporary directory for the run, and an EXIT trap that stops the
# platform (stop_platform) and then removes WORK, unless keep_work_dir was called.
make_work_dir() {
  WORK=$(mktemp -d)
  KEEP_WORK_DIR=
  LAUNCHER_PID=
  trap remove_work_dir EXIT
}

# keep_work_dir: WORK (the data directory, the platform's log) stays after the run.
keep_work_dir() {
  KEEP_WORK_DIR=1
}

# remove_work_dir: make_work_dir's EXIT trap.
remove_work_dir() {
  stop_platform
  [ -n "$KEEP_WORK_DIR" ] || rm -rf "$WORK"
}

# stop_platform: stops the platform start_platform started, if it still runs, and waits for it.
stop_platform() {
  if [ -n "$LAUNCHER_PID" ]; then kill "$LAUNCHER_PID" 2>/dev/null || true; wait "$LAUNCHER_PID" 2>/dev/null || true; fi
  LAUNCHER_PID=
}

# bench_credentials: a fixed master key for this run (exported as ALOFT_MASTER_KEY), so that the
# bench can derive INTERNAL_TOKEN, the internal token the services present to each other
# (HMAC-SHA256 of a fixed label, base64url); exports the admin access key
# (ALOFT_ADMIN_ACCESS_KEY_ID, ALOFT_ADMIN_SECRET_ACCESS_KEY) and sets AUTH, the Authorization
# header that presents it to the control plane.
bench_credentials() {
  local master_key key_hex
  master_key=$(head -c 32 /dev/urandom | base64)
  key_hex=$(printf '%s' "$master_key" | base64 -d | od -An -tx1 | tr -d ' \n')
  # shellcheck disable=SC2034 # used by the scripts
  INTERNAL_TOKEN=$(printf 'aloft internal token v1' | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary \
    | base64 | tr '+/' '-_' | tr -d '=\n')
  export ALOFT_MASTER_KEY=$master_key
  export ALOFT_ADMIN_ACCESS_KEY_ID=AKIABENCHADMIN000001
  export ALOFT_ADMIN_SECRET_ACCESS_KEY=benchAdminSecret000000000000000000000000
  AUTH="Authorization: Bearer $ALOFT_ADMIN_ACCESS_KEY_ID:$ALOFT_ADMIN_SECRET_ACCESS_KEY"
}

# start_platform [--label LABEL] READY_PORT...: starts the standalone platform in the background on
# the bench_ports ports, its data directory and log in WORK (data and aloft.log, or data-LABEL and
# aloft-LABEL.log), and waits until each READY_PORT's readiness probe answers. The launcher is
# ./aloft or, with ALOFT_JAR set, that jar on JAVA_HOME's java (the PATH's without JAVA_HOME).
# Exits if the launcher ends first (after printing the log's last 50 lines) or if the platform
# is not ready in 5 minutes.
start_platform() {
  local label='' launcher=(./aloft)
  if [ "${1:-}" = --label ]; then
    label=$2
    shift 2
  fi
  if [ -n "${ALOFT_JAR:-}" ]; then
    launcher=("${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$ALOFT_JAR")
  fi
  local log=$WORK/aloft${label:+-$label}.log
  echo "==> Starting the platform${label:+, $label} (logs in $log)"
  "${launcher[@]}" --aloft.standalone.data-directory="$WORK/data${label:+-$label}" \
    --aloft.standalone.gateway-port="$GATEWAY_PORT" --aloft.standalone.control-plane-port="$CONTROL_PLANE_PORT" \
    --aloft.standalone.invoker-port="$INVOKER_PORT" --aloft.standalone.event-router-port="$ROUTER_PORT" \
    --aloft.standalone.runtime-api-port="$RUNTIME_API_PORT" >"$log" 2>&1 &
  LAUNCHER_PID=$!
  for _ in $(seq 600); do
    if ports_ready "$@"; then
      return 0
    fi
    kill -0 "$LAUNCHER_PID" 2>/dev/null || { tail -50 "$log"; exit 1; }
    sleep 0.5
  done
  echo "the platform did not come up" >&2
  exit 1
}

# ports_ready PORT...: whether the readiness probe on each PORT answers 2xx.
ports_ready() {
  local port
  for port in "$@"; do
    curl -sf "localhost:$port/actuator/health/readiness" >/dev/null 2>&1 || return 1
  done
}

# python_zip STATEMENT: WORK/py.zip, a Python function package whose app.handler(event, context)
# is the one STATEMENT (for example 'return None').
python_zip() {
  mkdir -p "$WORK/py"
  printf '%s\n' 'def handler(event, context):' "    $1" >"$WORK/py/app.py"
  (cd "$WORK/py" && python3 -m zipfile -c ../py.zip app.py)
}

# java_noop_zip: WORK/java.zip, a Lambda Java package (classes at the zip root) of bench.Noop, a
# RequestHandler that answers {"statusCode": 200, "body": "ok"}, compiled by JAVAC (find_javac)
# for Java 21 against the aws-lambda-java-core the invoker ships. The launcher's build resolved
# that library; it is fetched only if it is not in ~/.m2.
java_noop_zip() {
  local core_version core_jar
  core_version=$(sed -n 's:.*<aws-lambda-java-core.version>\(.*\)</aws-lambda-java-core.version>.*:\1:p' invoker-service/pom.xml)
  core_jar=$HOME/.m2/repository/com/amazonaws/aws-lambda-java-core/$core_version/aws-lambda-java-core-$core_version.jar
  if [ ! -f "$core_jar" ]; then
    ./mvnw -B -q dependency:copy -Dartifact="com.amazonaws:aws-lambda-java-core:$core_version" -DoutputDirectory="$WORK"
    core_jar=$WORK/aws-lambda-java-core-$core_version.jar
  fi
  mkdir -p "$WORK/java/src/bench" "$WORK/java/classes"
  printf '%s\n' 'package bench;' '' \
    'import com.amazonaws.services.lambda.runtime.Context;' \
    'import com.amazonaws.services.lambda.runtime.RequestHandler;' \
    'import java.util.Map;' '' \
    'public class Noop implements RequestHandler<Map<String, Object>, Map<String, Object>> {' \
    '    private static final Map<String, Object> OK = Map.of("statusCode", 200, "body", "ok");' '' \
    '    @Override' \
    '    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {' \
    '        return OK;' \
    '    }' \
    '}' >"$WORK/java/src/bench/Noop.java"
  "$JAVAC" --release 21 -d "$WORK/java/classes" -cp "$core_jar" "$WORK/java/src/bench/Noop.java"
  (cd "$WORK/java/classes" && python3 -m zipfile -c ../../java.zip bench)
}

# create_function NAME RUNTIME HANDLER MEMORY_MB ZIP: creates function NAME in the default
# namespace from the package ZIP, through the control plane's API as the admin (AUTH).
create_function() {
  local name=$1 runtime=$2 handler=$3 memory=$4 zip=$5
  control_plane_post functions "$WORK/function.json" \
    -F "configuration={\"name\":\"$name\",\"runtime\":\"$runtime\",\"handler\":\"$handler\",\"memoryMb\":$memory};type=application/json" \
    -F "code=@$zip;type=application/zip"
}

# create_route JSON: creates the route JSON describes in the default namespace, through the
# control plane's API as the admin (AUTH).
create_route() {
  control_plane_post routes "$WORK/route.json" -H 'content-type: application/json' -d "$1"
}

# control_plane_post COLLECTION ANSWER_FILE CURL_ARG...: POSTs to the default namespace's
# COLLECTION on the control plane as the admin, the answer to ANSWER_FILE. Exits on an error,
# after printing curl's message and the answer.
control_plane_post() {
  local collection=$1 answer=$2
  shift 2
  curl -sS --fail-with-body -X POST "localhost:$CONTROL_PLANE_PORT/v1/namespaces/default/$collection" -H "$AUTH" \
    "$@" -o "$answer" || { [ ! -f "$answer" ] || cat "$answer"; exit 1; }
}
