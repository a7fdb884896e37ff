"""A local, read-only SPARQL endpoint over the built data, for the user's own tools (YASGUI, R, Gephi…).

It runs the ``oxigraph`` server from PyPI on the persistent store ``build/oxigraph/`` (reloaded only
when ``build/kg.trig`` changed) and listens on 127.0.0.1 by default. SIGINT, SIGTERM and SIGHUP are passed
on to the server, which is waited for: stopping ``kg serve`` never leaves a server behind on the port.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

from kg.errors import KgError, Problem
from kg.store import ensure_persistent_store, oxigraph_binary

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def command(location: Path, host: str, port: int, union_default_graph: bool, timeout: int | None) -> list[str]:
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}"]
    if union_default_graph:
        cmd.append("--union-default-graph")
    if timeout:
        cmd += ["--timeout-s", str(timeout)]
    return cmd


def check_port(host: str, port: int) -> None:
    """Refuse a port something already listens on, before the server prints a stack trace about it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise KgError(Problem(f"--host {host}: not an address of this machine ({e.strerror})")) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        try:
            s.bind(address)
        except OSError as e:
            raise KgError(Problem(f"cannot listen on {host}:{port}: {e.strerror} (another kg serve or server "
                                  "is there? choose another --port)")) from None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def serve(dataset: Path, location: Path, host: str = "127.0.0.1", port: int = 7878,
          union_default_graph: bool = False, timeout: int | None = 60) -> int:
    """Serve until interrupted or sent SIGTERM/SIGHUP; the exit code of the server (0 when stopped)."""
    check_port(host, port)
    opened = ensure_persistent_store(dataset, location)  # holds the store's read lock while serving
    cmd = command(opened.folder, host, port, union_default_graph, timeout)
    served = _stamp(dataset)
    print(f"SPARQL endpoint: http://{host}:{port}/query  (read-only; Ctrl-C stops it)", flush=True)
    print(f"  kg query signed-agreements --endpoint http://{host}:{port}/query", flush=True)
    stopping: list[int] = []
    running: list[subprocess.Popen] = []

    def forward(signum: int, _frame) -> None:
        stopping.append(signum)
        for child in running:
            if child.poll() is None:
                child.send_signal(signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM)

    # the handlers first: a signal that comes while the server starts still reaches it
    previous = {s: signal.signal(s, forward) for s in FORWARDED}
    warned = False
    try:
        child = subprocess.Popen(cmd)
        running.append(child)
        if stopping:
            forward(stopping[0], None)
        while True:
            try:
                code = child.wait(timeout=2)
                break
            except subprocess.TimeoutExpired:
                if not warned and not stopping and _stamp(dataset) != served:
                    warned = True
                    print(f"{dataset} changed since the server started: it still serves the data it loaded; "
                          "restart kg serve to serve the new build", file=sys.stderr, flush=True)
    finally:
        for child in running:
            if child.poll() is None:  # an exception on the way: never leave the server behind
                child.terminate()
                child.wait()
        for s, handler in previous.items():
            signal.signal(s, handler)
        opened.close()
    if stopping:
        return 0
    if code:
        raise KgError(Problem(f"the Oxigraph server stopped with exit code {code} (its message is above)"))
    return code
