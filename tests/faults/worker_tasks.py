"""Tasks for the worker fault tests: they leave files behind so the test can follow them."""

import time
from pathlib import Path

from django_tasks import task


@task()
def hold(directory: str) -> str:
    """Note a start, wait (at most 20 s) for the test's "go" file, then note the end.

    Every run appends to `runs`; a run that finds `runs` already there does not wait (so a task
    killed mid-run finishes when it is run again).
    """
    folder = Path(directory)
    again = (folder / "runs").exists()
    with (folder / "runs").open("a") as runs:
        runs.write("run\n")
    deadline = time.monotonic() + 20
    while not again and not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    (folder / "done").write_text("done")
    return "done"


@task()
def flaky(directory: str) -> str:
    """Fail on the first run, succeed on the next."""
    folder = Path(directory)
    if not (folder / "failed").exists():
        (folder / "failed").write_text("once")
        raise RuntimeError("the first run fails")
    return "done"
