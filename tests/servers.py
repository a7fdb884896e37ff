"""Real servers on 127.0.0.1 for the tests: started, waited for, and stopped by their PID."""

from __future__ import annotations

import contextlib
import os
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


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30.0, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode() if process.stdout else ""
            out += log.read_text(errors="replace")[-4000:] if log else ""
            raise RuntimeError(f"the server exited with {process.returncode}: {out}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer at {url} within {seconds} s")


@contextlib.contextmanager
def running(cmd: list[str], probe_url: str, env: dict[str, str] | None = None,
            seconds: float = 30.0, cwd: Path | None = None, log: Path | None = None) -> Iterator[subprocess.Popen]:
    """A server process, up and answering at probe_url; terminated by its PID on the way out.

    A chatty server writes to ``log`` (a file), so a full pipe never blocks it."""
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(log.open("wb")) if log else subprocess.PIPE
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        stack.callback(_stop, process)
        wait_until_up(probe_url, process, seconds, log)
        yield process


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
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


# Debian's virtuoso-opensource (Virtuoso Open-Source 7), installed by `make test` (make virtuoso)
VIRTUOSO = os.environ.get("KG_VIRTUOSO", "/usr/bin/virtuoso-t")
# a fresh Virtuoso database has one administrator, dba, with the password dba (loopback only, thrown away)
VIRTUOSO_USER = ("dba", "dba")

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 5
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {dir}
ThreadsPerQuery = 2
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextlib.contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Virtuoso Open-Source 7 with its own database and virtuoso.ini in ``folder``, on free loopback
    ports (HTTP and ISQL); yields its base URL, stops it by its PID."""
    http_port, isql_port = free_port(), free_port()
    while isql_port == http_port:  # each port is free when asked, not reserved: never hand out one twice
        isql_port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, isql_port=isql_port))
    base = f"http://127.0.0.1:{http_port}"
    # -f: stay in the foreground, so the PID we hold is the server's
    with running([VIRTUOSO, "-f", "-c", str(ini)], base + "/sparql?query=ASK%7B%7D", seconds=120, cwd=folder,
                 log=folder / "server.out"):
        yield base
