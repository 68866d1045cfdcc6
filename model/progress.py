"""Progress lines with elapsed time, so a long `make train` shows where it is."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager


class Progress:
    def __init__(self, stream=sys.stderr, quiet: bool = False) -> None:
        self.start = time.perf_counter()
        self.stream = stream
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:7.1f} s] {message}", file=self.stream, flush=True)

    @contextmanager
    def step(self, name: str):
        began = time.perf_counter()
        self(f"{name}...")
        yield
        self(f"{name} done in {time.perf_counter() - began:.1f} s")
