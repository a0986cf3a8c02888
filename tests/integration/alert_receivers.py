#!/usr/bin/env python3
"""Loopback receivers for the alert integration tests: an HTTP server that stores each POST body
(a webhook) and a minimal SMTP server (EHLO, MAIL, RCPT, DATA, QUIT; no TLS, no AUTH) that stores
each message. Usage: alert_receivers.py DIR. Writes "HTTP_PORT SMTP_PORT" to DIR/ports once both
listen, then DIR/hook-N.json and DIR/mail-N.txt as things arrive. Runs until killed."""
import http.server
import os
import socketserver
import sys
import threading

OUT = sys.argv[1]
COUNT = {"hook": 0, "mail": 0}
LOCK = threading.Lock()


def store(kind, data, suffix):
    with LOCK:
        COUNT[kind] += 1
        name = os.path.join(OUT, f"{kind}-{COUNT[kind]}{suffix}")
    with open(name + ".tmp", "wb") as f:
        f.write(data)
    os.rename(name + ".tmp", name)


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        store("hook", body, ".json")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class Smtp(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 receivers.test ESMTP")
        envelope = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-receivers.test")
                self.reply("250 8BITMIME")
            elif verb in ("HELO", "NOOP", "RSET"):
                self.reply("250 OK")
            elif verb in ("MAIL", "RCPT"):
                envelope.append(command)
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                data = []
                while True:
                    part = self.rfile.readline()
                    if not part or part in (b".\r\n", b".\n"):
                        break
                    data.append(part[1:] if part.startswith(b"..") else part)
                text = "\r\n".join(envelope).encode() + b"\r\n\r\n" + b"".join(data)
                store("mail", text, ".txt")
                envelope = []
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class Threaded(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    http_server = Threaded(("127.0.0.1", 0), Hook)
    smtp_server = Threaded(("127.0.0.1", 0), Smtp)
    for server in (http_server, smtp_server):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(os.path.join(OUT, "ports.tmp"), "w") as f:
        f.write(f"{http_server.server_address[1]} {smtp_server.server_address[1]}\n")
    os.rename(os.path.join(OUT, "ports.tmp"), os.path.join(OUT, "ports"))
    threading.Event().wait()


if __name__ == "__main__":
    main()
