"""Fake Lambda Runtime API (2018-06-01) for testing the Aloft Python bootstrap."""
import json
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STOP = object()


class FakeRuntimeAPI:
    def __init__(self, prefix="", response_status=202, next_status=200, close_after=None, drop_after=None, chunked_next=False):
        self.chunked_next = chunked_next
        self.prefix = prefix.rstrip("/")
        self.events = queue.Queue()
        self.records = []
        self.lock = threading.Lock()
        self.connections = 0
        self.response_status = response_status
        self.next_status = next_status
        self.close_after = close_after or set()  # request numbers answered with Connection: close
        self.drop_after = drop_after or set()  # request numbers after which the socket is dropped silently
        self.requests = 0
        self.bad_paths = []
        self.done = threading.Event()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def setup(self):
                super().setup()
                with api.lock:
                    api.connections += 1

            def log_message(self, *args):
                pass

            def _reply(self, status, body=b"", content_type="application/json", headers=None):
                with api.lock:
                    api.requests += 1
                    n = api.requests
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                if n in api.close_after:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(body)
                if n in api.drop_after:
                    self.close_connection = True  # no header: the client believes keep-alive

            def _strip(self):
                if not self.path.startswith(api.prefix + "/2018-06-01/"):
                    api.bad_paths.append(self.path)
                    return None
                return self.path[len(api.prefix):]

            def do_GET(self):
                path = self._strip()
                if path != "/2018-06-01/runtime/invocation/next":
                    self._reply(404, b'{"errorType":"NotFound"}')
                    return
                item = api.events.get()
                if item is STOP:
                    api.done.set()
                    self._reply(500, b'{"errorType":"InternalServerError","errorMessage":"Internal Server Error"}')
                    return
                body, headers = item
                if api.next_status != 200:
                    self._reply(api.next_status, b'{"errorType":"InvalidStateTransition"}')
                    return
                if api.chunked_next:
                    with api.lock:
                        api.requests += 1
                    self.send_response(200)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    half = len(body) // 2
                    for part in (body[:half], body[half:]):
                        if part:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self._reply(200, body, headers=headers)

            def do_POST(self):
                path = self._strip()
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if path is None:
                    self._reply(404, b"{}")
                    return
                parts = path.split("/")
                # ['', '2018-06-01', 'runtime', 'invocation', id, 'response'] or [..., 'init', 'error']
                if path == "/2018-06-01/runtime/init/error":
                    kind, rid = "init_error", None
                elif len(parts) == 6 and parts[3] == "invocation" and parts[5] in ("response", "error"):
                    kind, rid = parts[5], parts[4]
                else:
                    self._reply(404, b"{}")
                    return
                with api.lock:
                    api.records.append(
                        {"kind": kind, "id": rid, "headers": dict(self.headers.items()), "body": body}
                    )
                status = api.response_status
                self._reply(status, b'{"status":"OK"}' if status == 202 else b'{"errorType":"InvalidRequestID","errorMessage":"Invalid request ID"}')

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def runtime_api(self):
        return "127.0.0.1:%d%s" % (self.port, self.prefix)

    def add(self, body, request_id, deadline_ms=None, **extra_headers):
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        headers = {"Lambda-Runtime-Aws-Request-Id": request_id}
        if deadline_ms is not None:
            headers["Lambda-Runtime-Deadline-Ms"] = str(deadline_ms)
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:fn"
        headers.update(extra_headers)
        self.events.put((body, headers))

    def stop_after_events(self):
        self.events.put(STOP)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
