"""Start a real gunicorn serving `wsgi:app` on a free loopback port, for system tests and benches."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, workers: int = 2, extra_env: dict | None = None):
    """Serve on a free loopback port; yields the API base URL."""
    with gunicorn_process(database_url, workers, extra_env) as (base, _process):
        yield base


@contextmanager
def gunicorn_process(database_url: str, workers: int = 2, extra_env: dict | None = None,
                     extra_args: tuple[str, ...] = (), log_path: Path | None = None):
    """Like `gunicorn`, but yields (base URL, the master's Popen) for tests that signal workers.

    The server's output goes to `log_path`, or to a temporary file shown if it fails to start (a
    pipe that nobody reads would block the workers once full)."""
    port = free_port()
    log = open(log_path, "w+b") if log_path else tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING", **(extra_env or {})}
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn_bin), "--config", "python:api.gunicorn_config", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), *extra_args, "wsgi:app"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        if not wait_until_healthy(base, process):
            stop(process)
            log.seek(0)
            raise RuntimeError(f"gunicorn did not start:\n{log.read().decode(errors='replace')[-3000:]}")
        yield base, process
    finally:
        stop(process)
        log.close()


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_until_healthy(base: str, process: subprocess.Popen, seconds: float = 300) -> bool:
    """Poll /health until it answers 200; False if the server died or the time ran out (a loaded
    machine can take minutes to boot workers that warm their indexes up)."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=10) as response:
                if response.status == 200:
                    return True
        except OSError:  # refused, reset, timed out or 503 while the workers boot
            pass
        time.sleep(0.2)
    return False


def worker_pids(master: subprocess.Popen) -> list[int]:
    """The gunicorn workers: the master's child processes (Linux /proc)."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def call(method: str, url: str, key: str | None = None, body=None, headers: dict | None = None,
         timeout: float = 30):
    """One HTTP request; returns (status, parsed JSON or None, headers)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None), dict(response.headers)
    except urllib.error.HTTPError as error:
        raw = error.read()
        error.close()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = None
        return error.code, parsed, dict(error.headers)
