"""Real processes for the tests that claim something about them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def huey_consumer(app, outbox_dir, stdout=subprocess.DEVNULL):
    """A huey consumer (one thread, polling every 50 ms) on the test app's database and queue."""
    env = {**os.environ, "OUTBOX_DIR": str(outbox_dir), "DATABASE_URL": app.config["DATABASE_URL"]}
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "huey_consumer"), "worker.huey", "-w", "1", "-k", "thread", "-d", "0.05"],
        cwd=ROOT,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
    )
