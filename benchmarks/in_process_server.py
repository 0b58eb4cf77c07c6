"""For the endpoint benchmark only: ``crampkg serve``'s HTTP layer and application with each query run in the server
process itself instead of a worker process (``python -m benchmarks.in_process_server PORT``).

It has no time limit that stops a query and no network ban, so it is never a way to serve; measured beside the real
endpoint and bare Oxigraph, it shows how much of the endpoint's latency is the hop to the killable worker and how
much the HTTP layer.
"""
from __future__ import annotations

import sys

from crampkg.endpoint.sandbox import Answer, error_answer, execute
from crampkg.endpoint.server import Settings, make_server


class InProcessPool:
    """The :class:`crampkg.endpoint.sandbox.WorkerPool` interface, answered in this process."""

    def __init__(self, store, max_bytes: int) -> None:
        self.store, self.max_bytes = store, max_bytes

    def run(self, text: str, substitutions: dict[str, str], accept: str | None, requested: str | None,
            arrived: float | None = None, graph: str | None = None) -> Answer:
        """Check, run and serialise ``text`` here (named-query parameters are not supported)."""
        if substitutions:
            return error_answer(400, "the in-process benchmark server takes no parameters")
        return execute(self.store, text, {}, accept, requested, self.max_bytes, graph)


def main(port: int) -> None:
    """Serve on 127.0.0.1:``port`` until terminated."""
    settings = Settings(workers=1)
    server = make_server("127.0.0.1", port, settings)
    server.app.pool = InProcessPool(server.pool.store, settings.max_bytes)  # type: ignore[assignment]
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main(int(sys.argv[1]))
