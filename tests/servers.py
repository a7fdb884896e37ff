"""Real servers on 127.0.0.1 for the tests: started, waited for, and stopped by their PID."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"the server exited with {process.returncode}: {out}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer at {url} within {seconds} s")


@contextlib.contextmanager
def running(cmd: list[str], probe_url: str, env: dict[str, str] | None = None,
            seconds: float = 30.0) -> Iterator[subprocess.Popen]:
    """A server process, up and answering at probe_url; terminated by its PID on the way out."""
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_up(probe_url, process, seconds)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A read-write Oxigraph server on a free port of 127.0.0.1; yields its base URL."""
    from kg.store import oxigraph_binary

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                 base + "/"):
        yield base
