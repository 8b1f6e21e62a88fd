"""A folder served on localhost for as long as a block runs: the PDF print, the browser tests and the
benchmark open the built book through it (a page opened from file:// behaves differently)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """`directory` on http://127.0.0.1:<port>/, for as long as the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
