import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from fake_api import FakeRuntimeAPI  # noqa: E402

BOOTSTRAP = os.environ.get(
    "BOOTSTRAP",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources", "runtimes", "python", "bootstrap.py"),
)
PY = os.environ.get("PY", "python3")
SHOW = os.environ.get("SHOW")


def make_code(files):
    d = tempfile.mkdtemp(prefix="aloft-code-")
    for name, content in files.items():
        path = os.path.join(d, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(textwrap.dedent(content))
    return d


def run(api, code_dir, handler, env=None, timeout=20):
    e = {
        "PATH": os.environ["PATH"],
        "AWS_LAMBDA_RUNTIME_API": api.runtime_api,
        "_HANDLER": handler,
        "LAMBDA_TASK_ROOT": code_dir,
        "AWS_LAMBDA_FUNCTION_NAME": "fn",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/fn",
        "AWS_LAMBDA_LOG_STREAM_NAME": "2024/01/01/[$LATEST]abc",
    }
    e.update(env or {})
    p = subprocess.run([PY, "-u", BOOTSTRAP], cwd=code_dir, env=e, capture_output=True, timeout=timeout)
    out, err = p.stdout.decode(), p.stderr.decode()
    if SHOW:
        print("\n--- rc=%d\n--- stdout:\n%s--- stderr:\n%s" % (p.returncode, out, err))
    return p.returncode, out, err


def bodies(api, kind=None):
    return [json.loads(r["body"]) for r in api.records if kind is None or r["kind"] == kind]


class Base(unittest.TestCase):
    prefix = "/env/3f9a0c"

    def setUp(self):
        self.api = FakeRuntimeAPI(prefix=self.prefix)

    def tearDown(self):
        self.api.close()


class InvocationTests(Base):
    def test_success_string_and_dict(self):
        code = make_code({"app.py": """
            def handler(event, context):
                if event.get("kind") == "str":
                    return "hello"
                return {"echo": event, "n": 1, "u": "\u00e9"}
        """})
        self.api.add({"kind": "str"}, "r1")
        self.api.add({"kind": "dict", "x": [1, 2]}, "r2")
        self.api.stop_after_events()
        rc, out, err = run(self.api, code, "app.handler")
        self.assertEqual(rc, 2)  # /next answered 500 at the end
        self.assertIn("returned 500", err)
        r1, r2 = self.api.records
        self.assertEqual((r1["kind"], r1["id"], r1["body"]), ("response", "r1", b'"hello"'))
        self.assertEqual(r1["headers"]["Content-Type"], "application/json")
        self.assertNotIn("Lambda-Runtime-Function-Error-Type", r1["headers"])
        self.assertEqual(r2["body"], json.dumps({"echo": {"kind": "dict", "x": [1, 2]}, "n": 1, "u": "\u00e9"}).encode())
        self.assertEqual(self.api.bad_paths, [])
        self.assertEqual(self.api.connections, 1)  # keep-alive: one connection for everything

    def test_none_bytes_decimal(self):
        code = make_code({"app.py": """
            from decimal import Decimal
            def handler(event, context):
                return {"none": None, "b": b"raw", "dec": Decimal("3"), "decf": Decimal("1.5")}[event]
        """})
        for i, ev in enumerate(["none", "b", "dec", "decf"]):
            self.api.add(ev, "r%d" % i)
        self.api.stop_after_events()
        run(self.api, code, "app.handler")
        recs = self.api.records
        self.assertEqual([r["body"] for r in recs], [b"null", b"raw", b"3", b"1.5"])
        self.assertEqual(recs[1]["headers"]["Content-Type"], "application/unknown")

    def test_handler_raises(self):
        code = make_code({"app.py": """
            def helper():
                raise ValueError("boom \u00e9")

            def handler(event, context):
                helper()
        """})
        self.api.add({}, "req-err")
        self.api.add({}, "req-err2")
        self.api.stop_after_events()
        rc, out, err = run(self.api, code, "app.handler")
        recs = self.api.records
        self.assertEqual([r["kind"] for r in recs], ["error", "error"])
        r = recs[0]
        body = json.loads(r["body"])
        print("\nhandler-raises body:", r["body"].decode())
        self.assertEqual(list(body), ["errorMessage", "errorType", "requestId", "stackTrace"])
        self.assertEqual(body["errorMessage"], "boom \u00e9")
        self.assertEqual(body["errorType"], "ValueError")
        self.assertEqual(body["requestId"], "req-err")
        self.assertEqual(
            body["stackTrace"],
            [
                '  File "%s/app.py", line 6, in handler\n    helper()\n' % code,
                '  File "%s/app.py", line 3, in helper\n    raise ValueError("boom \u00e9")\n' % code,
            ],
        )
        self.assertEqual(r["headers"]["Content-Type"], "application/json")
        self.assertNotIn("Lambda-Runtime-Function-Error-Type", r["headers"])
        self.assertIn("[ERROR] ValueError: boom \u00e9\rTraceback (most recent call last):\r\u00a0\u00a0File", out)

    def test_marshal_error(self):
        code = make_code({"app.py": """
            def handler(event, context):
                return {"s": {1, 2}}
        """})
        self.api.add({}, "r-m")
        self.api.stop_after_events()
        run(self.api, code, "app.handler")
        (r,) = self.api.records
        print("\nmarshal body:", r["body"].decode())
        self.assertEqual(r["kind"], "error")
        self.assertEqual(json.loads(r["body"]), {
            "errorMessage": "Unable to marshal response: Object of type set is not JSON serializable",
            "errorType": "Runtime.MarshalError", "requestId": "r-m", "stackTrace": []})

    def test_unmarshal_error(self):
        code = make_code({"app.py": """
            calls = 0
            def handler(event, context):
                global calls
                calls += 1
                return calls
        """})
        self.api.add(b"{not json", "r-u")
        self.api.add(b"", "r-empty")
        self.api.add(b'"ok"', "r-ok")
        self.api.stop_after_events()
        run(self.api, code, "app.handler")
        a, b, c = self.api.records
        print("\nunmarshal body:", a["body"].decode())
        self.assertEqual(json.loads(a["body"]), {
            "errorMessage": "Unable to unmarshal input: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            "errorType": "Runtime.UnmarshalError", "requestId": "r-u", "stackTrace": []})
        self.assertEqual(json.loads(b["body"])["errorType"], "Runtime.UnmarshalError")
        self.assertEqual(c["body"], b"1")  # the handler was not called for the bad ones

    def test_context_and_trace(self):
        code = make_code({"app.py": """
            import os, time
            def handler(event, context):
                r1 = context.get_remaining_time_in_millis()
                time.sleep(0.05)
                r2 = context.get_remaining_time_in_millis()
                cc = context.client_context
                return {
                    "aws_request_id": context.aws_request_id,
                    "function_name": context.function_name,
                    "function_version": context.function_version,
                    "invoked_function_arn": context.invoked_function_arn,
                    "memory_limit_in_mb": context.memory_limit_in_mb,
                    "log_group_name": context.log_group_name,
                    "log_stream_name": context.log_stream_name,
                    "identity": [context.identity.cognito_identity_id, context.identity.cognito_identity_pool_id] if context.identity else None,
                    "client_context": None if cc is None else {"custom": cc.custom, "env": cc.env,
                        "client": None if cc.client is None else [cc.client.installation_id, cc.client.app_title, cc.client.app_package_name]},
                    "tenant_id": context.tenant_id,
                    "r1": r1, "r2": r2,
                    "trace": os.environ.get("_X_AMZN_TRACE_ID"),
                    "repr": repr(context)[:14],
                }
        """})
        now = int(time.time() * 1000)
        self.api.add({}, "c1", deadline_ms=now + 3000,
                     **{"Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
                        "Lambda-Runtime-Client-Context": json.dumps({"client": {"installation_id": "inst", "app_title": "T", "app_package_name": "p"}, "custom": {"a": 1}, "env": {"platform": "x"}}),
                        "Lambda-Runtime-Cognito-Identity": json.dumps({"cognitoIdentityId": "cid", "cognitoIdentityPoolId": "pool"}),
                        "Lambda-Runtime-Aws-Tenant-Id": "tenant-7"})
        self.api.add({}, "c2", deadline_ms=now - 10000)  # no trace id, deadline in the past
        self.api.add({}, "c3", deadline_ms=now + 3000, **{"Lambda-Runtime-Client-Context": "{bad"})
        self.api.stop_after_events()
        rc, out, err = run(self.api, code, "app.handler")
        a, b, c = bodies(self.api)
        print("\ncontext c1:", json.dumps(a))
        self.assertEqual(a["aws_request_id"], "c1")
        self.assertEqual((a["function_name"], a["function_version"], a["memory_limit_in_mb"]), ("fn", "$LATEST", 256))
        self.assertEqual(a["invoked_function_arn"], "arn:aws:lambda:us-east-1:123456789012:function:fn")
        self.assertEqual((a["log_group_name"], a["log_stream_name"]), ("/aws/lambda/fn", "2024/01/01/[$LATEST]abc"))
        self.assertEqual(a["identity"], ["cid", "pool"])
        self.assertEqual(a["client_context"], {"custom": {"a": 1}, "env": {"platform": "x"}, "client": ["inst", "T", "p"]})
        self.assertEqual(a["tenant_id"], "tenant-7")
        self.assertTrue(2500 < a["r1"] <= 3000, a["r1"])
        self.assertTrue(40 <= a["r1"] - a["r2"] <= 200, (a["r1"], a["r2"]))
        self.assertEqual(a["trace"], "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
        self.assertEqual(a["repr"], "LambdaContext(")
        self.assertEqual(b["trace"], None)  # removed when absent
        self.assertEqual((b["r1"], b["r2"]), (0, 0))
        self.assertEqual(b["identity"], [None, None])
        self.assertEqual((b["client_context"], b["tenant_id"]), (None, None))
        self.assertEqual(c["errorType"], "Runtime.LambdaContextUnmarshalError")
        print("context-unmarshal body:", json.dumps(c))

    def test_warm_state(self):
        code = make_code({"app.py": """
            import os
            counter = 0
            INIT_PID = os.getpid()
            def handler(event, context):
                global counter
                counter += 1
                return {"counter": counter, "pid": os.getpid() == INIT_PID}
        """})
        for i in range(3):
            self.api.add({}, "w%d" % i)
        self.api.stop_after_events()
        run(self.api, code, "app.handler")
        self.assertEqual(bodies(self.api), [{"counter": 1, "pid": True}, {"counter": 2, "pid": True}, {"counter": 3, "pid": True}])
        self.assertEqual(self.api.connections, 1)

    def test_handler_paths(self):
        code = make_code({
            "src/app.py": "def handler(e, c):\n    return 'src-app'\n",
            "pkg/__init__.py": "",
            "pkg/mod.py": "def fn(e, c):\n    return 'pkg-mod'\n",
            "deep/a/b.py": "def h(e, c):\n    return 'deep'\n",
        })
        for handler, expect in (("src/app.handler", "src-app"), ("pkg.mod.fn", "pkg-mod"), ("deep/a/b.h", "deep")):
            api = FakeRuntimeAPI(prefix="/p")
            try:
                api.add({}, "x")
                api.stop_after_events()
                run(api, code, handler)
                self.assertEqual(api.records[0]["body"], json.dumps(expect).encode(), handler)
            finally:
                api.close()

    def test_logging(self):
        code = make_code({"app.py": """
            import logging
            logger = logging.getLogger("mylogger")
            logging.getLogger().warning("at init")
            def handler(event, context):
                print("printed")
                logger.info("info line")
                logger.warning("warn line %s", 42)
                try:
                    1 / 0
                except ZeroDivisionError:
                    logger.exception("oops")
                return 1
        """})
        self.api.add({}, "log-req")
        self.api.stop_after_events()
        rc, out, err = run(self.api, code, "app.handler")
        print("\nstdout (default level):\n" + out)
        self.assertRegex(out, r"\[WARNING\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t\tat init\n")
        self.assertIn("printed\n", out)
        self.assertRegex(out, r"\[WARNING\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tlog-req\twarn line 42\n")
        self.assertNotIn("info line", out)  # root level stays WARNING like AWS
        self.assertIn("ZeroDivisionError: division by zero\n", out)

        api = FakeRuntimeAPI()
        try:
            api.add({}, "log2")
            api.stop_after_events()
            rc, out, err = run(api, code, "app.handler", env={"AWS_LAMBDA_LOG_LEVEL": "INFO"})
            self.assertRegex(out, r"\[INFO\]\t\S+Z\tlog2\tinfo line\n")
            api2 = FakeRuntimeAPI()
            api2.add({}, "log3")
            api2.stop_after_events()
            rc, out, err = run(api2, code, "app.handler", env={"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "TRACE"})
            api2.close()
            lines = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
            info = [l for l in lines if l.get("message") == "info line"][0]
            self.assertEqual((info["level"], info["requestId"], info["logger"]), ("INFO", "log3", "mylogger"))
            exc = [l for l in lines if l.get("message") == "oops"][0]
            self.assertEqual(exc["errorType"], "ZeroDivisionError")
        finally:
            api.close()


class ChunkedTests(unittest.TestCase):
    def test_chunked_next_and_latin1_header(self):
        api = FakeRuntimeAPI(prefix="/c", chunked_next=True)
        try:
            code = make_code({"app.py": "def handler(e, c):\n    return [e, c.client_context.custom]\n"})
            api.add({"big": "x" * 70000}, "ch1", **{"Lambda-Runtime-Client-Context": '{"custom": {"n": "caf\u00e9"}}'})
            api.add({"small": 1}, "ch2", **{"Lambda-Runtime-Client-Context": '{"custom": {}}'})
            api.stop_after_events()
            run(api, code, "app.handler")
            a, b = bodies(api)
            self.assertEqual(a, [{"big": "x" * 70000}, {"n": "caf\u00e9"}])
            self.assertEqual(b, [{"small": 1}, {}])
            self.assertEqual(api.connections, 1)
        finally:
            api.close()


class NoPrefixTests(Base):
    prefix = ""

    def test_no_prefix(self):
        code = make_code({"app.py": "def handler(e, c):\n    return e\n"})
        self.api.add({"status": "x"}, "np")
        self.api.stop_after_events()
        run(self.api, code, "app.handler")
        self.assertEqual(self.api.records[0]["body"], b'{"status": "x"}')
        self.assertEqual(self.api.bad_paths, [])


class InitErrorTests(Base):
    def init_error(self, files, handler):
        code = make_code(files)
        self.api.add({}, "never")
        rc, out, err = run(self.api, code, handler)
        self.assertEqual(rc, 1, err)
        (r,) = self.api.records
        self.assertEqual(r["kind"], "init_error")
        self.assertEqual(r["headers"]["Content-Type"], "application/json")
        body = json.loads(r["body"])
        self.assertEqual(list(body), ["errorMessage", "errorType", "requestId", "stackTrace"])
        self.assertEqual(body["requestId"], "")
        self.assertEqual(r["headers"]["Lambda-Runtime-Function-Error-Type"], body["errorType"])
        self.assertEqual(self.api.events.qsize(), 1)  # /next never called
        print("\n%s init error: %s" % (handler, r["body"].decode()))
        print("log: %r" % out)
        return body, code

    def test_missing_module(self):
        body, _ = self.init_error({"other.py": ""}, "app.handler")
        self.assertEqual(body, {"errorMessage": "Unable to import module 'app': No module named 'app'",
                                "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []})

    def test_missing_dependency(self):
        body, _ = self.init_error({"app.py": "import requests_nope\n"}, "app.handler")
        self.assertEqual(body["errorMessage"], "Unable to import module 'app': No module named 'requests_nope'")

    def test_missing_handler(self):
        body, _ = self.init_error({"app.py": "x = 1\n"}, "app.xyz")
        self.assertEqual(body, {"errorMessage": "Handler 'xyz' missing on module 'app'",
                                "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []})

    def test_malformed_handler(self):
        body, _ = self.init_error({"app.py": ""}, "foo")
        self.assertEqual(body, {"errorMessage": "Bad handler 'foo': not enough values to unpack (expected 2, got 1)",
                                "errorType": "Runtime.MalformedHandlerName", "requestId": "", "stackTrace": []})

    def test_syntax_error(self):
        body, code = self.init_error({"app.py": "def handler(e, c)\n    return 1\n"}, "app.handler")
        self.assertEqual(body["errorType"], "Runtime.UserCodeSyntaxError")
        self.assertEqual(body["errorMessage"], "Syntax error in module 'app': expected ':' (app.py, line 1)")
        self.assertEqual(body["stackTrace"], ['  File "%s/app.py" Line 1\n    def handler(e, c)\n' % code])

    def test_builtin_conflict(self):
        body, _ = self.init_error({}, "sys.handler")
        self.assertEqual(body["errorType"], "Runtime.BuiltInModuleConflict")

    def test_import_raises(self):
        body, code = self.init_error({"app.py": "raise Exception('Runtime startup fails')\n"}, "app.handler")
        self.assertEqual((body["errorType"], body["errorMessage"]), ("Exception", "Runtime startup fails"))
        self.assertEqual(body["stackTrace"][-1], '  File "%s/app.py", line 1, in <module>\n    raise Exception(\'Runtime startup fails\')\n' % code)
        self.assertNotIn("bootstrap.py", "".join(body["stackTrace"]))


class RuntimeApiFailureTests(unittest.TestCase):
    def test_post_not_202(self):
        api = FakeRuntimeAPI(prefix="/e", response_status=400)
        try:
            api.add({}, "r")
            api.add({}, "r2")
            code = make_code({"app.py": "def handler(e, c):\n    return 1\n"})
            rc, out, err = run(api, code, "app.handler")
            self.assertEqual(rc, 2)
            self.assertIn("returned 400", err)
            self.assertEqual(len(api.records), 1)
            print("\nnon-202 stderr:", err.strip())
        finally:
            api.close()

    def test_next_not_200(self):
        api = FakeRuntimeAPI(next_status=403)
        try:
            api.add({}, "r")
            code = make_code({"app.py": "def handler(e, c):\n    return 1\n"})
            rc, out, err = run(api, code, "app.handler")
            self.assertEqual(rc, 2)
            self.assertIn("returned 403", err)
            print("\n/next 403 stderr:", err.strip())
        finally:
            api.close()

    def test_no_server(self):
        api = FakeRuntimeAPI()
        api.close()
        code = make_code({"app.py": "def handler(e, c):\n    return 1\n"})
        rc, out, err = run(api, code, "app.handler")
        self.assertEqual(rc, 2)
        self.assertIn("ConnectionRefusedError", err)
        print("\nno server stderr:", err.strip())

    def test_reconnect(self):
        # request #2 (the first /response) says Connection: close; #4 drops the socket without saying so
        api = FakeRuntimeAPI(prefix="/x", close_after={2}, drop_after={4})
        try:
            for i in range(4):
                api.add({"i": i}, "k%d" % i)
            api.stop_after_events()
            code = make_code({"app.py": "def handler(e, c):\n    return e['i']\n"})
            rc, out, err = run(api, code, "app.handler")
            self.assertEqual([r["body"] for r in api.records], [b"0", b"1", b"2", b"3"], err)
            self.assertEqual(api.connections, 3)
        finally:
            api.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
