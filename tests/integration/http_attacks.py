#!/usr/bin/env python3
"""Raw-socket HTTP clients for the dashboard's hostile tests. Every one talks to 127.0.0.1 only,
and every loop is bounded in count and in time.

  http_attacks.py send PORT [TIMEOUT]
      sends stdin as it is (a whole request, written with printf), prints the answer's status
      code and then its body on the following lines ("none" when the server closed without one).
  http_attacks.py flood PORT METHOD PATH CLAIMED SEND [chunked] [HEADER…]
      a request whose headers announce CLAIMED bytes (Content-Length, or Transfer-Encoding: chunked
      with a chunk of CLAIMED bytes), then streams up to SEND bytes of body, answer or not, until
      the server closes; prints "STATUS SENT_BYTES" (the status of the first answer).
  http_attacks.py header PORT SEND
      a GET whose one header line grows to SEND bytes; prints "STATUS SENT_BYTES".
  http_attacks.py idle PORT N HOLD PATH [HEADER…]
      opens N connections that send nothing (half of them one byte of a request line), then
      while they are held asks PATH on a fresh connection; prints "STATUS SECONDS" of that
      answer, then "closed K of N" once HOLD seconds have passed: how many of the idle
      connections the server had closed by then.
  http_attacks.py blackhole SECONDS
      listens on a free loopback port and prints it, then for SECONDS accepts connections and
      never answers them (a server as stuck, or as crowded, as can be).
  http_attacks.py trickle PORT SECONDS
      sends a request line and then one header byte a second for at most SECONDS; prints
      "closed AFTER_SECONDS" when the server gave up on it, "open" when it did not.
"""
import socket
import sys
import time

HOST = "127.0.0.1"


def connect(port, timeout=5.0):
    s = socket.create_connection((HOST, port), timeout=timeout)
    s.settimeout(timeout)
    return s


def read_answer(s, deadline_seconds=10.0, limit=1 << 20):
    """The status and body of one answer: reads until the headers' Content-Length is satisfied,
    the server closes, `limit` bytes or the deadline."""
    data = b""
    end = time.monotonic() + deadline_seconds
    while len(data) < limit and time.monotonic() < end:
        try:
            chunk = s.recv(65536)
        except (socket.timeout, ConnectionError, OSError):
            break
        if not chunk:
            break
        data += chunk
        head, sep, body = data.partition(b"\r\n\r\n")
        if sep:
            length = None
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is not None and len(body) >= length:
                break
    if not data.startswith(b"HTTP/"):
        return "none", b"", len(data)
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b" ")[1].decode(), body, len(data)


def cmd_send(port, timeout="10"):
    request = sys.stdin.buffer.read()
    s = connect(port, float(timeout))
    s.sendall(request)
    status, body, _ = read_answer(s, float(timeout))
    print(status)
    sys.stdout.write(body.decode(errors="replace") + "\n")


def stream_body(s, payload, send_bytes):
    """Sends `payload` repeatedly, up to send_bytes in all, whether or not the server has answered
    (as an attacker would), until the server closes; returns the status of its first answer (or
    "none") and the bytes sent."""
    sent = 0
    answer = b""
    closed = False
    s.setblocking(False)
    end = time.monotonic() + 60
    while sent < send_bytes and time.monotonic() < end and not closed:
        try:
            chunk = s.recv(65536)
            if chunk:
                answer = (answer + chunk)[:65536]
            else:
                closed = True
        except BlockingIOError:
            pass
        except OSError:
            closed = True
        if closed:
            break
        try:
            sent += s.send(payload[: min(len(payload), send_bytes - sent)])
        except BlockingIOError:
            time.sleep(0.001)
        except OSError:
            closed = True
    s.setblocking(True)
    s.settimeout(5)
    if b"\r\n\r\n" not in answer:
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        more = read_answer(s, 10)[0] if not answer else "none"
        if more != "none":
            return more, sent
    status = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/") else "none"
    return status, sent


def cmd_flood(port, method, path, claimed, send, *rest):
    chunked = bool(rest) and rest[0] == "chunked"
    headers = list(rest[1:] if chunked else rest)
    claimed, send = int(claimed), int(send)
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    lines += headers
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        head = ("\r\n".join(lines) + "\r\n\r\n" + f"{claimed:x}\r\n").encode()
    else:
        lines.append(f"Content-Length: {claimed}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    s = connect(port)
    s.sendall(head)
    status, sent = stream_body(s, b"a" * 65536, send)
    print(status, sent)


def cmd_header(port, send):
    s = connect(port)
    s.sendall(f"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Pad: ".encode())
    status, sent = stream_body(s, b"a" * 65536, int(send))
    print(status, sent)


def cmd_idle(port, n, hold, path, *headers):
    n, hold = int(n), float(hold)
    idle = []
    for i in range(n):
        try:
            s = connect(port)
            if i % 2:
                s.sendall(b"G")
            idle.append(s)
        except OSError:  # turned away (a crowd beyond the server's backlog): counts as closed
            idle.append(None)
    time.sleep(0.3)
    started = time.monotonic()
    try:
        s = connect(port, 10)
        extra = "".join(h + "\r\n" for h in headers)
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}\r\n".encode())
        status, _, _ = read_answer(s, 10)
    except OSError:
        status = "none"
    print(status, f"{time.monotonic() - started:.2f}")
    sys.stdout.flush()
    end = started + hold
    closed = set()
    while time.monotonic() < end and len(closed) < n:
        for i, c in enumerate(idle):
            if i in closed:
                continue
            if c is None:
                closed.add(i)
                continue
            c.setblocking(False)
            try:
                if c.recv(4096) == b"":
                    closed.add(i)
            except BlockingIOError:
                pass
            except OSError:
                closed.add(i)
        time.sleep(0.1)
    print(f"closed {len(closed)} of {n}")


def cmd_trickle(port, seconds):
    s = connect(port)
    s.sendall(f"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
    started = time.monotonic()
    for _ in range(int(seconds)):
        try:
            s.sendall(b"X")
            s.settimeout(1)
            if s.recv(4096) == b"":
                break
        except socket.timeout:
            continue
        except OSError:
            break
    else:
        print("open")
        return
    print(f"closed {time.monotonic() - started:.1f}")


def cmd_blackhole(seconds):
    server = socket.socket()
    server.bind((HOST, 0))
    server.listen(64)
    server.settimeout(0.5)
    print(server.getsockname()[1], flush=True)
    held = []
    end = time.monotonic() + seconds
    while time.monotonic() < end and len(held) < 1000:
        try:
            held.append(server.accept()[0])
        except socket.timeout:
            pass


COMMANDS = {"send": cmd_send, "flood": cmd_flood, "header": cmd_header, "idle": cmd_idle,
            "trickle": cmd_trickle, "blackhole": cmd_blackhole}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](int(sys.argv[2]), *sys.argv[3:])
