"""Start-up milestones for benchmarks/run.py, printed on stderr when it asks for them."""

from __future__ import annotations

import os
import sys
import time


def milestone(event: str) -> None:
    if os.environ.get("DESKTOP_EDITOR_TIMING"):
        print(f"timing {event} {time.time():.6f}", file=sys.stderr, flush=True)
