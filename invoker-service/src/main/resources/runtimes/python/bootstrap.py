"""Aloft Python runtime bootstrap.

Speaks the Lambda Runtime API (2018-06-01) the way AWS's Python runtime interface client
(awslambdaric) does, using the standard library only (Python 3.9+).

Started by the invoker as ``python3 -u bootstrap.py`` with the working directory set to the
function's code. Reads:

* ``AWS_LAMBDA_RUNTIME_API`` - ``host:port`` or ``host:port/path/prefix``; requests go to
  ``http://host:port/path/prefix/2018-06-01/runtime/...``.
* ``_HANDLER`` - ``module.function``; the module may be dotted (``pkg.mod``) or a path
  (``src/app`` is imported as ``src.app``).
* ``LAMBDA_TASK_ROOT`` - the code directory (defaults to the working directory); put first on
  ``sys.path``.
* ``AWS_LAMBDA_FUNCTION_NAME``, ``AWS_LAMBDA_FUNCTION_VERSION``,
  ``AWS_LAMBDA_FUNCTION_MEMORY_SIZE``, ``AWS_LAMBDA_LOG_GROUP_NAME``,
  ``AWS_LAMBDA_LOG_STREAM_NAME`` - context values.
* ``AWS_LAMBDA_LOG_LEVEL`` (``TRACE``..``FATAL``) and ``AWS_LAMBDA_LOG_FORMAT`` (``TEXT`` or
  ``JSON``) - root logger set-up, as in AWS. Without a level the root logger keeps Python's
  default (``WARNING``), which is what AWS does.

Started with ``--aloft-prestarted``, it is an Aloft pre-started environment: it has no function
yet, and before it loads any code it asks the Runtime API which function it runs
(``GET .../2018-06-01/aloft/assignment``, which only its own secret reaches and which waits until
a function needs it), takes on that function's environment variables (replacing its own, except
the sandbox's ``TMPDIR`` and ``HOME`` and the interpreter's own ``LC_CTYPE``) and task root, and
then starts as above.

Exit codes: 1 = the function failed to initialise (after posting ``/runtime/init/error``);
2 = the Runtime API failed (``/next`` not 200, a post not 202, or the connection broke).
"""

import http.client
import importlib
import io
import json
import logging
import os
import socket
import sys
import time

_CONNECT_TIMEOUT_S = 5.0
_API_VERSION_PATH = "/2018-06-01/runtime"
_ASSIGNMENT_PATH = "/2018-06-01/aloft/assignment"
_PRESTARTED_FLAG = "--aloft-prestarted"
# What a pre-started environment keeps when it takes a function: what the sandbox set, and the
# LC_CTYPE the interpreter itself adds when it coerces the C locale (PEP 538), as it would have
# for the function (the invoker pre-starts no function that sets a locale variable).
_KEPT_VARIABLES = ("TMPDIR", "HOME", "LC_CTYPE")

_EXIT_INIT_ERROR = 1
_EXIT_RUNTIME_API_ERROR = 2

# Error types, as used by AWS's Python runtime.
_MARSHAL_ERROR = "Runtime.MarshalError"
_UNMARSHAL_ERROR = "Runtime.UnmarshalError"
_USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
_HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
_IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
_BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
_MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

_ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
_JSON_HEADERS = (("Content-Type", "application/json"),)
_BYTES_HEADERS = (("Content-Type", "application/unknown"),)

# Request-scoped state read by the logging filter.
_request_id = None
_tenant_id = None


class _Fault(Exception):
    """A runtime-detected failure with an AWS error type (``Runtime.*``)."""

    def __init__(self, error_type, message, trace=None):
        Exception.__init__(self, message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


def _fatal(message):
    """The Runtime API is unusable: say why on stderr and end the process."""
    try:
        sys.stderr.write("[aloft-bootstrap] " + message + "\n")
        sys.stderr.flush()
        sys.stdout.flush()
    finally:
        os._exit(_EXIT_RUNTIME_API_ERROR)


# --------------------------------------------------------------------------------------------
# Runtime API client


def _parse_runtime_api(value):
    """``host:port[/prefix]`` -> (host, port, prefix without trailing slash)."""
    if not value:
        raise ValueError("AWS_LAMBDA_RUNTIME_API is not set")
    address = value.strip()
    if "://" in address:  # tolerate a scheme, although the contract has none
        address = address.split("://", 1)[1]
    slash = address.find("/")
    if slash >= 0:
        hostport, prefix = address[:slash], address[slash:].rstrip("/")
    else:
        hostport, prefix = address, ""
    if hostport.startswith("["):  # [IPv6]:port
        end = hostport.find("]")
        if end < 0:
            raise ValueError("bad AWS_LAMBDA_RUNTIME_API: " + value)
        host, rest = hostport[1:end], hostport[end + 1:]
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, colon, port = hostport.rpartition(":")
        if not colon:
            host, port = hostport, ""
    if not host:
        raise ValueError("bad AWS_LAMBDA_RUNTIME_API: " + value)
    try:
        port = int(port) if port else 80
    except ValueError:
        raise ValueError("bad port in AWS_LAMBDA_RUNTIME_API: " + value) from None
    return host, port, prefix


class _Response(http.client.HTTPResponse):
    """``HTTPResponse`` with a lean header parser.

    The stock parser goes through the ``email`` package and is the largest cost of a warm
    invocation. Headers end up in a plain dict keyed by lower-case name (the names the base
    class itself looks up); everything else (status line, bodies, keep-alive) is the base class.
    """

    def begin(self):
        if self.headers is not None:
            return
        while True:
            version, status, reason = self._read_status()
            if status != 100:
                break
            _read_header_lines(self.fp)
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)

        headers = {}
        for line in _read_header_lines(self.fp):
            name, _, value = line.partition(b":")
            value = value.strip()
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                value = value.decode("latin-1")
            headers[name.strip().decode("latin-1").lower()] = value
        self.headers = self.msg = headers

        transfer_encoding = headers.get("transfer-encoding")
        self.chunked = transfer_encoding is not None and transfer_encoding.lower() == "chunked"
        self.chunk_left = None
        self.will_close = self._check_close()
        self.length = None
        length = headers.get("content-length")
        if length and not self.chunked:
            try:
                self.length = int(length)
            except ValueError:
                pass
            else:
                if self.length < 0:
                    self.length = None
        if status == 204 or status == 304 or 100 <= status < 200 or self._method == "HEAD":
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True


def _read_header_lines(fp):
    lines = []
    while True:
        line = fp.readline(65537)
        if len(line) > 65536:
            raise http.client.LineTooLong("header line")
        if line in (b"\r\n", b"\n", b""):
            return lines
        lines.append(line)
        if len(lines) > 100:
            raise http.client.HTTPException("got more than 100 headers")


class _Connection(http.client.HTTPConnection):
    """Keep-alive connection: short connect timeout, no read timeout (``/next`` long-polls)."""

    # Falls back to the stock class (whose headers object also answers lower-case names) should a
    # future Python drop the hook the lean parser relies on.
    response_class = _Response if hasattr(http.client.HTTPResponse, "_read_status") else http.client.HTTPResponse

    def connect(self):
        host = self.host
        try:
            host = host.encode("ascii")  # spares the idna codec import for the usual IP / name
        except UnicodeEncodeError:
            pass
        sock = socket.create_connection((host, self.port), _CONNECT_TIMEOUT_S)
        sock.settimeout(None)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        self.sock = sock


# Errors meaning "the peer closed a kept-alive connection before answering": safe to resend once.
_STALE_CONNECTION_ERRORS = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)


class _RuntimeClient:
    def __init__(self, api):
        host, port, prefix = _parse_runtime_api(api)
        base = prefix + _API_VERSION_PATH
        self.next_path = base + "/invocation/next"
        self.invocation_path = base + "/invocation/"
        self.init_error_path = base + "/init/error"
        self.assignment_path = prefix + _ASSIGNMENT_PATH
        # One connection for the life of the process; http.client reopens it (through
        # connect()) when the server closed it.
        self.conn = _Connection(host, port)

    def _exchange(self, method, path, body=None, headers=()):
        """Sends one request and reads the whole response: (response, body bytes)."""
        conn = self.conn
        for attempt in (0, 1):
            reused = conn.sock is not None
            try:
                conn.putrequest(method, path, skip_accept_encoding=True)
                if body is not None:
                    for name, value in headers:
                        conn.putheader(name, value)
                    conn.putheader("Content-Length", str(len(body)))
                conn.endheaders(body)
                response = conn.getresponse()
                return response, response.read()
            except _STALE_CONNECTION_ERRORS:
                conn.close()
                if not reused or attempt:
                    raise
            except BaseException:
                conn.close()
                raise
        raise AssertionError("unreachable")

    def next(self):
        """GET /next: (headers dict keyed by lower-case name, body bytes)."""
        try:
            response, data = self._exchange("GET", self.next_path)
        except Exception as e:
            _fatal("GET %s failed: %s: %s" % (self.next_path, type(e).__name__, e))
        if response.status != 200:
            _fatal("GET %s returned %d: %s" % (self.next_path, response.status, _clip(data)))
        return response.msg, data

    def assignment(self):
        """GET /aloft/assignment (pre-started only): the function's environment variables."""
        try:
            response, data = self._exchange("GET", self.assignment_path)
        except Exception as e:
            _fatal("GET %s failed: %s: %s" % (self.assignment_path, type(e).__name__, e))
        if response.status != 200:
            _fatal("GET %s returned %d: %s" % (self.assignment_path, response.status, _clip(data)))
        try:
            return json.loads(data)["environment"]
        except Exception as e:
            _fatal("GET %s answered what is not an assignment: %s" % (self.assignment_path, e))

    def _post(self, path, body, headers):
        try:
            response, data = self._exchange("POST", path, body, headers)
        except Exception as e:
            _fatal("POST %s failed: %s: %s" % (path, type(e).__name__, e))
        if response.status != 202:
            _fatal("POST %s returned %d: %s" % (path, response.status, _clip(data)))

    def post_response(self, request_id, body, headers=_JSON_HEADERS):
        self._post(self.invocation_path + request_id + "/response", body, headers)

    def post_error(self, request_id, error):
        # Like AWS's Python runtime: no Lambda-Runtime-Function-Error-Type on invocation errors.
        self._post(self.invocation_path + request_id + "/error", _encode_error(error), _JSON_HEADERS)

    def post_init_error(self, error):
        headers = _JSON_HEADERS + ((_ERROR_TYPE_HEADER, error["errorType"]),)
        self._post(self.init_error_path, _encode_error(error), headers)


def _clip(data):
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    return text if len(text) <= 500 else text[:500] + "..."


# --------------------------------------------------------------------------------------------
# JSON


def _json_default(obj):
    # AWS's runtime serialises Decimal (e.g. from DynamoDB) as a number.
    decimal = sys.modules.get("decimal")  # a Decimal exists only if its module was imported
    if decimal is not None and isinstance(obj, decimal.Decimal):
        if obj.is_finite() and obj == obj.to_integral_value():
            return int(obj)
        return float(obj)
    raise TypeError("Object of type %s is not JSON serializable" % type(obj).__name__)


_encode_result = json.JSONEncoder(default=_json_default).encode
_encode_json = json.JSONEncoder().encode


def _encode_error(error):
    return _encode_json(error).encode("utf-8")


# --------------------------------------------------------------------------------------------
# Errors


def _make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _safe_str(value):
    try:
        return str(value)
    except Exception:
        return "<unprintable %s object>" % type(value).__name__


def _user_stack_trace(tb):
    """Frames as AWS formats them, without this bootstrap's leading frames."""
    import traceback

    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, frame in enumerate(frames):
        if frame[0] != _THIS_FILE:
            frames = frames[i:]
            break
    return traceback.format_list(frames)


def _exception_error(exc, request_id=None):
    return _make_error(_safe_str(exc), type(exc).__name__, _user_stack_trace(exc.__traceback__), request_id)


_ERROR_LOG_INDENT = "\u00a0"  # AWS indents traceback lines with NO-BREAK SPACE ...
_ERROR_LOG_LINE_SEPARATOR = "\r"  # ... and joins them with CR, so they stay one log event


def _log_error(error):
    """Writes the error to stdout the way AWS's runtime does."""
    if _LOG_FORMAT_JSON:
        record = {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()), "level": "ERROR"}
        record.update(error)
        line = _encode_json(record)
    else:
        description = "[ERROR]"
        error_type = error.get("errorType")
        message = error.get("errorMessage")
        if error_type:
            description += " " + error_type
        if message:
            if error_type:
                description += ":"
            description += " " + message
        lines = [description, "Traceback (most recent call last):"]
        for element in error.get("stackTrace") or ():
            if element == "":
                lines.append("")
                continue
            for trace_line in element.splitlines():
                stripped = trace_line.lstrip(" ")
                lines.append(_ERROR_LOG_INDENT * (len(trace_line) - len(stripped)) + stripped)
        line = _ERROR_LOG_LINE_SEPARATOR.join(lines)
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except Exception:
        pass


# --------------------------------------------------------------------------------------------
# Context


class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, identity_id=None, pool_id=None):
        self.cognito_identity_id = identity_id
        self.cognito_identity_pool_id = pool_id

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id=%s,cognito_identity_pool_id=%s])" % (
            self.cognito_identity_id,
            self.cognito_identity_pool_id,
        )


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")

    def __init__(self, values):
        for name in Client.__slots__:
            setattr(self, name, values.get(name))

    def __repr__(self):
        return "Client([%s])" % ",".join("%s=%s" % (n, getattr(self, n)) for n in Client.__slots__)


class ClientContext:
    __slots__ = ("custom", "env", "client")

    def __init__(self, values):
        self.custom = values.get("custom")
        self.env = values.get("env")
        client = values.get("client")
        self.client = Client(client) if isinstance(client, dict) else client

    def __repr__(self):
        return "ClientContext([custom=%s,env=%s,client=%s])" % (self.custom, self.env, self.client)


class LambdaContext:
    """The handler's ``context`` (a plain class, like AWS's: handlers may set attributes on it)."""

    def __init__(self, request_id, invoked_function_arn, deadline_ms, client_context, identity, tenant_id):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_function_arn
        self._epoch_deadline_time_in_ms = deadline_ms
        self.client_context = client_context
        self.identity = identity
        self.tenant_id = tenant_id
        self.function_name = _FUNCTION_NAME
        self.function_version = _FUNCTION_VERSION
        self.memory_limit_in_mb = _MEMORY_LIMIT_IN_MB
        self.log_group_name = _LOG_GROUP_NAME
        self.log_stream_name = _LOG_STREAM_NAME

    def get_remaining_time_in_millis(self):
        remaining = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, message):
        sys.stdout.write(str(message))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
            "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,"
            "identity=%s,tenant_id=%s])"
            % (
                self.aws_request_id,
                self.log_group_name,
                self.log_stream_name,
                self.function_name,
                self.memory_limit_in_mb,
                self.function_version,
                self.invoked_function_arn,
                self.client_context,
                self.identity,
                self.tenant_id,
            )
        )


def _memory_limit():
    value = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _read_function_settings():
    """Context values and the log format, from the (function's) environment variables."""
    global _FUNCTION_NAME, _FUNCTION_VERSION, _MEMORY_LIMIT_IN_MB, _LOG_GROUP_NAME, _LOG_STREAM_NAME
    global _LOG_FORMAT_JSON
    _FUNCTION_NAME = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
    _FUNCTION_VERSION = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
    _MEMORY_LIMIT_IN_MB = _memory_limit()
    _LOG_GROUP_NAME = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
    _LOG_STREAM_NAME = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
    _LOG_FORMAT_JSON = (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"


_read_function_settings()


def _parse_json_header(value, name):
    try:
        return json.loads(value)
    except Exception as e:
        raise _Fault(_CONTEXT_UNMARSHAL_ERROR, "Unable to parse %s JSON: %s" % (name, e)) from None


def _deadline(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# --------------------------------------------------------------------------------------------
# Logging and standard streams


class _Unbuffered:
    """Flushes after every write (used only when python was started without -u)."""

    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def write(self, message):
        n = self.stream.write(message)
        self.stream.flush()
        return n

    def writelines(self, lines):
        self.stream.writelines(lines)
        self.stream.flush()


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        record.tenant_id = _tenant_id
        return True


class _StdoutHandler(logging.Handler):
    """Writes formatted records to (the current) sys.stdout, each ending with one newline."""

    def emit(self, record):
        try:
            message = self.format(record)
            if not message.endswith("\n"):
                message += "\n"
            sys.stdout.write(message)
        except Exception:
            self.handleError(record)


class _JsonFormatter(logging.Formatter):
    """AWS's JSON log format (AWS_LAMBDA_LOG_FORMAT=JSON)."""

    _reserved = frozenset(
        (
            "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module",
            "exc_info", "exc_text", "stack_info", "lineno", "funcName", "created", "msecs",
            "relativeCreated", "thread", "threadName", "processName", "process", "taskName",
            "aws_request_id", "tenant_id", "_frame_type",
        )
    )

    def format(self, record):
        import traceback

        levelno = min(50, max(0, record.levelno)) // 10 * 10
        created = time.gmtime(record.created)
        exc_info = record.exc_info
        result = {
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", created) + ".%03dZ" % int(record.msecs),
            "level": logging.getLevelName(levelno),
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc_info[2]) if exc_info else None,
            "errorType": exc_info[0].__name__ if exc_info else None,
            "errorMessage": str(exc_info[1]) if exc_info else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": "%s:%s:%s" % (record.pathname, record.funcName, record.lineno) if exc_info else None,
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        for key, value in record.__dict__.items():
            if key not in self._reserved and key not in result:
                result[key] = value
        result = {k: v for k, v in result.items() if v is not None}
        return json.dumps(result, ensure_ascii=False, default=str)


def _is_unbuffered(stream):
    return getattr(stream, "write_through", False) and isinstance(getattr(stream, "buffer", None), io.RawIOBase)


def _setup_streams_and_logging():
    # `python -u` (or PYTHONUNBUFFERED) leaves every write going straight to the file descriptor.
    if not _is_unbuffered(sys.stdout):
        sys.stdout = _Unbuffered(sys.stdout)
    if not _is_unbuffered(sys.stderr):
        sys.stderr = _Unbuffered(sys.stderr)

    logging.Formatter.converter = time.gmtime
    handler = _StdoutHandler()
    if _LOG_FORMAT_JSON:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter(
                "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
                "%Y-%m-%dT%H:%M:%S",
            )
        )
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)

    level = (os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper()
    if level == "TRACE":
        level = "DEBUG"
    if level and isinstance(logging.getLevelName(level), int):
        root.setLevel(level)


# --------------------------------------------------------------------------------------------
# Handler loading (init)


def _setup_sys_path(task_root):
    script_dir = os.path.dirname(os.path.abspath(sys.argv[0])) if sys.argv and sys.argv[0] else None
    # `python3 bootstrap.py` puts the bootstrap's own directory first; user code comes first instead.
    if sys.path and script_dir and sys.path[0] and os.path.abspath(sys.path[0]) == script_dir:
        del sys.path[0]
    if task_root in sys.path:
        sys.path.remove(task_root)
    sys.path.insert(0, task_root)


def _load_handler(handler_name):
    try:
        module_name, function_name = handler_name.rsplit(".", 1)
    except ValueError as e:
        raise _Fault(_MALFORMED_HANDLER_NAME, "Bad handler '%s': %s" % (handler_name, e)) from None

    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise _Fault(
                _BUILT_IN_MODULE_CONFLICT, "Cannot use built-in module %s as a handler module" % module_name
            )
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise _Fault(_IMPORT_MODULE_ERROR, "Unable to import module '%s': %s" % (module_name, e)) from None
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise _Fault(
            _USER_CODE_SYNTAX_ERROR, "Syntax error in module '%s': %s" % (module_name, e), trace
        ) from None

    try:
        return getattr(module, function_name)
    except AttributeError:
        raise _Fault(
            _HANDLER_NOT_FOUND, "Handler '%s' missing on module '%s'" % (function_name, module_name)
        ) from None


# --------------------------------------------------------------------------------------------
# Main loop


def _run(client, handler):
    global _request_id, _tenant_id
    environ = os.environ
    loads = json.loads
    encode_result = _encode_result
    post_response = client.post_response
    post_error = client.post_error
    next_invocation = client.next
    Context = LambdaContext
    Fault = _Fault

    while True:
        headers, body = next_invocation()
        get = headers.get
        request_id = get("lambda-runtime-aws-request-id")
        if not request_id:
            _fatal("GET /next answered without a Lambda-Runtime-Aws-Request-Id header")
        tenant_id = get("lambda-runtime-aws-tenant-id")
        _request_id = request_id
        _tenant_id = tenant_id

        trace_id = get("lambda-runtime-trace-id")
        if trace_id is not None:
            environ["_X_AMZN_TRACE_ID"] = trace_id
        elif "_X_AMZN_TRACE_ID" in environ:
            del environ["_X_AMZN_TRACE_ID"]

        error = None
        try:
            client_context = get("lambda-runtime-client-context")
            if client_context:
                client_context = _parse_json_header(client_context, "Client Context")
                client_context = ClientContext(client_context) if isinstance(client_context, dict) else None
            else:
                client_context = None
            identity = get("lambda-runtime-cognito-identity")
            if identity:
                identity = _parse_json_header(identity, "Cognito Identity")
                if isinstance(identity, dict):
                    identity = CognitoIdentity(identity.get("cognitoIdentityId"), identity.get("cognitoIdentityPoolId"))
                else:
                    identity = CognitoIdentity()
            else:
                identity = CognitoIdentity()
            context = Context(
                request_id,
                get("lambda-runtime-invoked-function-arn"),
                _deadline(get("lambda-runtime-deadline-ms")),
                client_context,
                identity,
                tenant_id,
            )
            try:
                event = loads(body)
            except Exception as e:
                raise Fault(_UNMARSHAL_ERROR, "Unable to unmarshal input: %s" % e) from None

            result = handler(event, context)

            if isinstance(result, bytes):
                payload, response_headers = result, _BYTES_HEADERS
            else:
                try:
                    payload = encode_result(result).encode("utf-8")
                except Exception as e:
                    raise Fault(_MARSHAL_ERROR, "Unable to marshal response: %s" % _safe_str(e)) from None
                response_headers = _JSON_HEADERS
        except Fault as e:
            error = _make_error(e.message, e.error_type, e.trace, request_id)
        except Exception as e:
            error = _exception_error(e, request_id)

        if error is None:
            post_response(request_id, payload, response_headers)
        else:
            _log_error(error)
            post_error(request_id, error)
        payload = result = event = context = None


def _take_assignment(client):
    """A pre-started environment: waits for its function, then becomes that function's."""
    environment = client.assignment()
    kept = {name: os.environ[name] for name in _KEPT_VARIABLES if name in os.environ}
    os.environ.clear()
    os.environ.update(environment)
    os.environ.update(kept)
    try:
        os.chdir(os.environ["LAMBDA_TASK_ROOT"])
    except (KeyError, OSError) as e:
        _fatal("cannot enter the task root: %s" % e)
    importlib.invalidate_caches()
    _read_function_settings()


def main():
    try:
        client = _RuntimeClient(os.environ.get("AWS_LAMBDA_RUNTIME_API"))
    except ValueError as e:
        _fatal(str(e))

    if _PRESTARTED_FLAG in sys.argv[1:]:
        _take_assignment(client)

    _setup_streams_and_logging()

    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    _setup_sys_path(task_root)

    handler_name = os.environ.get("_HANDLER")
    if handler_name is None and len(sys.argv) > 1 and sys.argv[1] != _PRESTARTED_FLAG:
        handler_name = sys.argv[1]

    try:
        handler = _load_handler(handler_name or "")
    except _Fault as e:
        error = _make_error(e.message, e.error_type, e.trace)
    except Exception as e:
        error = _exception_error(e)
    else:
        error = None

    if error is not None:
        _log_error(error)
        client.post_init_error(error)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(_EXIT_INIT_ERROR)

    _run(client, handler)


_THIS_FILE = main.__code__.co_filename

if __name__ == "__main__":
    main()
