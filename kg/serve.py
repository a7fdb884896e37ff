"""A local, read-only SPARQL endpoint over the built data, for the user's own tools (YASGUI, R, Gephi…).

It runs the ``oxigraph`` server from PyPI on the persistent store ``build/oxigraph/`` (reloaded only
when ``build/kg.trig`` changed) and listens on 127.0.0.1 by default.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from kg.store import ensure_persistent_store, oxigraph_binary


def command(location: Path, host: str, port: int, union_default_graph: bool, timeout: int | None) -> list[str]:
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}"]
    if union_default_graph:
        cmd.append("--union-default-graph")
    if timeout:
        cmd += ["--timeout-s", str(timeout)]
    return cmd


def serve(dataset: Path, location: Path, host: str = "127.0.0.1", port: int = 7878,
          union_default_graph: bool = False, timeout: int | None = 60) -> int:
    """Serve until interrupted; the exit code of the server."""
    ensure_persistent_store(dataset, location)
    cmd = command(location, host, port, union_default_graph, timeout)
    print(f"SPARQL endpoint: http://{host}:{port}/query  (read-only; Ctrl-C stops it)", flush=True)
    print(f"  kg query signed-agreements --endpoint http://{host}:{port}/query", flush=True)
    try:
        return subprocess.run(cmd, check=False).returncode
    except KeyboardInterrupt:
        return 0
