#!/usr/bin/env python3
"""Aims a SIGKILL at a moment the reliability tests choose, then reports whether it landed there.

  kill_when.py syscall PID REGEX DELAY_MAX [TIMEOUT]
      after a random 0..DELAY_MAX s, kills PID the moment one of its threads is blocked in a write
      or sync system call (write, pwrite64, writev, pwritev, fsync, fdatasync) on a file whose
      path matches REGEX.
  kill_when.py exists PID GLOB DELAY_MAX [TIMEOUT]
      waits until GLOB matches a file, sleeps a random 0..DELAY_MAX s, kills PID; it landed when
      the file still exists after the kill (the program had not finished with it).
  kill_when.py grows PID FILE MIN_BYTES DELAY_MAX [TIMEOUT]
      waits until FILE holds MIN_BYTES, sleeps a random 0..DELAY_MAX s, kills PID; it landed when
      PID was still running at the kill.

Prints one line saying what was hit. Exit 0: killed where aimed; 3: PID ended (or the moment
passed) first; 1: TIMEOUT (default 60 s) passed."""
import glob
import os
import random
import re
import signal
import sys
import time

# x86_64 numbers of the calls that put bytes on disk.
WRITES = {1: "write", 18: "pwrite64", 20: "writev", 74: "fsync", 75: "fdatasync", 296: "pwritev"}


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def in_write(pid, pattern):
    """The (call, path) a thread of pid is blocked in, or None."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/syscall") as f:
                fields = f.read().split()
            if not fields or not fields[0].isdigit() or int(fields[0]) not in WRITES:
                continue
            path = os.readlink(f"/proc/{pid}/fd/{int(fields[1], 16)}")
        except (OSError, ValueError, IndexError):
            continue
        if pattern.search(path):
            return WRITES[int(fields[0])], path
    return None


def main():
    mode, pid = sys.argv[1], int(sys.argv[2])
    args = sys.argv[3:]
    timeouts = {"syscall": 2, "exists": 2, "grows": 3}
    timeout = float(args[timeouts[mode]]) if len(args) > timeouts[mode] else 60.0
    if mode == "syscall":
        time.sleep(random.uniform(0, float(args[1])))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            print(f"missed: {pid} ended first")
            return 3
        if mode == "syscall":
            hit = in_write(pid, re.compile(args[0]))
            if hit:
                kill(pid)
                print(f"killed in {hit[0]} on {os.path.basename(hit[1])}")
                return 0
        elif mode == "exists":
            if glob.glob(args[0]):
                time.sleep(random.uniform(0, float(args[1])))
                kill(pid)
                left = glob.glob(args[0])
                print(f"killed with {os.path.basename(left[0])} unfinished" if left
                      else "missed: the file was finished before the kill")
                return 0 if left else 3
        elif mode == "grows":
            try:
                size = os.path.getsize(args[0])
            except OSError:
                size = 0
            if size >= int(args[1]):
                time.sleep(random.uniform(0, float(args[2])))
                running = alive(pid)
                kill(pid)
                print(f"killed while writing ({os.path.getsize(args[0]) if os.path.exists(args[0]) else 0} bytes in {os.path.basename(args[0])})"
                      if running else "missed: it finished before the kill")
                return 0 if running else 3
        time.sleep(0.0002)
    kill(pid)
    print(f"timeout: nothing to aim at within {timeout} s")
    return 1


if __name__ == "__main__":
    sys.exit(main())
