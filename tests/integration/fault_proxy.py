#!/usr/bin/env python3
"""A loopback HTTP proxy in front of fake_alpaca that creates chosen network faults on purpose, so a
test does not depend on luck or the machine's speed. Prints its port on stdout, logs every request
and what it did on stderr.

  --hold 'METHOD PATH SECONDS COUNT'   hold the first COUNT matching requests SECONDS before
                                       forwarding them (the client has given up by then; the
                                       upstream still acts on the request, as Alpaca would)
  --fail 'METHOD PATH STATUS COUNT'    answer STATUS without forwarding, COUNT times (0: always)

PATH matches when the request's path (with its query) starts with it. Rules are tried in order;
each may be given several times. Usage: fault_proxy.py --upstream http://127.0.0.1:PORT RULES…"""
import argparse, http.client, http.server, socketserver, sys, threading, time, urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("--upstream", required=True)
parser.add_argument("--hold", action="append", default=[])
parser.add_argument("--fail", action="append", default=[])
args = parser.parse_args()
upstream = urllib.parse.urlparse(args.upstream)
lock = threading.Lock()


class Rule:
    def __init__(self, kind, text):
        method, path, value, count = text.split()
        self.kind, self.method, self.path = kind, method, path
        self.value, self.left = float(value), int(count)
        self.always = self.left == 0

    def take(self, method, path):
        """True (and one use spent) when this rule applies to the request."""
        if method != self.method or not path.startswith(self.path):
            return False
        with lock:
            if self.always:
                return True
            if self.left <= 0:
                return False
            self.left -= 1
            return True


rules = [Rule("hold", t) for t in args.hold] + [Rule("fail", t) for t in args.fail]


def log(text):
    print(f"fault_proxy: {text}", file=sys.stderr, flush=True)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request_line = f"{self.command} {self.path}"
        for rule in rules:
            if not rule.take(self.command, self.path):
                continue
            if rule.kind == "fail":
                log(f"failed {int(rule.value)}: {request_line}")
                self.answer(int(rule.value), b'{"code":50310000,"message":"injected by fault_proxy"}', {})
                return
            log(f"holding {rule.value:g} s: {request_line}")
            time.sleep(rule.value)
            status, headers, data = self.forward(body)
            log(f"forwarded late -> {status}: {request_line}")
            self.answer(status, data, headers)  # the client is most likely gone
            return
        status, headers, data = self.forward(body)
        log(f"{request_line} -> {status}")
        self.answer(status, data, headers)

    def forward(self, body):
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection", "content-length")}
        connection.request(self.command, self.path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        kept = {k: v for k, v in answer.getheaders()
                if k.lower() not in ("connection", "content-length", "transfer-encoding")}
        connection.close()
        return answer.status, kept, data

    def answer(self, status, data, headers):
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if not any(k.lower() == "content-type" for k in headers):
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_DELETE = do_PATCH = do_PUT = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
