"""Time `make run`'s steps on a fresh scratch SQLite database, then the first pages.

    .venv/bin/python benchmarks/make_run.py [--db /tmp/make-run.sqlite3] [--port 8765] [--wait 300]

Runs the Makefile's commands (migrate, seed_demo, rebuild_embeddings, rebuild_search_index; then
localstripe, stripe_setup_plans and the worker under `nice -n 10`, seed_demo --logins and
runserver) with a scratch DATABASE_URL and other ports, prints each step's wall and CPU time, how
long until `/` answers, and the first requests of a published need's public page and of its
owner's manage page (the demo initiative login), then how long until the worker has recorded its
recommendations. Figures: docs/demo.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
STEPS = ["migrate --noinput", "seed_demo", "rebuild_embeddings --threads 0",
         "rebuild_search_index --if-empty"]
LOGIN = "initiative@demo.business2community.nl"
PENDING = "recommendations__pending"
URLS = (
    "from django.urls import reverse; from django.utils import translation; "
    "from marketplace.models import Need; "
    f"n = Need.objects.filter(status='published', organisation__memberships__user__email='{LOGIN}')"
    ".order_by('pk').first(); translation.activate(n.language); "
    "print(reverse('marketplace:need_detail', kwargs={'slug': n.slug}), "
    "reverse('marketplace:need_manage', kwargs={'pk': n.pk}), reverse('login'))"
)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "make-run.sqlite3"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--wait", type=float, default=300, help="seconds to wait for suggestions")
    args = parser.parse_args()
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    stripe = args.port + 1
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.dev",
               DATABASE_URL=f"sqlite:///{args.db}", STRIPE_API_BASE=f"http://127.0.0.1:{stripe}")
    print(os.popen("uptime").read().strip())  # noqa: S605, S607 - the load the figures were taken at
    started = time.monotonic()
    for step in STEPS:
        wall, cpu = time.monotonic(), children_cpu()
        done = subprocess.run([PY, "manage.py", *step.split()], cwd=ROOT, env=env,  # noqa: S603
                              capture_output=True, text=True, check=True)
        last = [line for line in done.stdout.splitlines() if line.strip()][-1:]
        print(f"{step}: wall {time.monotonic() - wall:.1f} s, CPU {children_cpu() - cpu:.1f} s"
              f"  {last[0][:100] if last else ''}")
    nice = ["nice", "-n", "10", PY, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    background = [
        subprocess.Popen([*nice, "localstripe", "--port", str(stripe)], **quiet),  # noqa: S603
        subprocess.Popen([*nice, "db_worker", "--queue-name", "*", "--no-reload", "-v", "0"],  # noqa: S603
                         **quiet),
        subprocess.Popen([*nice, "stripe_setup_plans", "--wait", "15"], **quiet),  # noqa: S603
    ]
    try:
        wall = time.monotonic()
        subprocess.run([PY, "manage.py", "seed_demo", "--logins"], **quiet, check=True)  # noqa: S603
        print(f"seed_demo --logins: wall {time.monotonic() - wall:.1f} s")
        wall = time.monotonic()
        background.append(subprocess.Popen(  # noqa: S603
            [PY, "manage.py", "runserver", f"127.0.0.1:{args.port}"], **quiet))
        base = f"http://127.0.0.1:{args.port}"
        while True:
            try:
                if urllib.request.urlopen(base + "/", timeout=30).status == 200:  # noqa: S310
                    break
            except OSError:
                time.sleep(0.2)
        server_started = wall
        print(f"runserver until / answers: {time.monotonic() - wall:.1f} s; total from migrate: "
              f"{time.monotonic() - started:.1f} s")
        need_url, manage_url, login_url = subprocess.run(  # noqa: S603
            [PY, "manage.py", "shell", "-c", URLS], cwd=ROOT, env=env, capture_output=True,
            text=True, check=True,
        ).stdout.strip().splitlines()[-1].split()

        def get(opener, url: str) -> str:
            wall = time.monotonic()
            body = opener.open(base + url, timeout=60).read().decode()
            print(f"  {url}: {(time.monotonic() - wall) * 1000:.0f} ms"
                  + (" (looking for matches)" if PENDING in body else ""))
            return body

        anonymous = urllib.request.build_opener()
        print("public need page, first and again:")
        get(anonymous, need_url)
        get(anonymous, need_url)
        member = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', get(member, login_url))
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "username": LOGIN,
                                       "password": "demo-Business2Community"}).encode()
        login = urllib.request.Request(base + login_url, data=form,  # noqa: S310 - http only
                                       headers={"Referer": base + login_url})
        member.open(login, timeout=60)
        print("owner's manage page, first and again:")
        get(member, manage_url)
        body = get(member, manage_url)
        deadline = time.monotonic() + args.wait
        while PENDING in body and time.monotonic() < deadline:
            time.sleep(5)
            body = member.open(base + manage_url, timeout=60).read().decode()
        state = "pending still" if PENDING in body else "recommendations shown"
        print(f"{state} {time.monotonic() - server_started:.0f} s after runserver started:")
        get(member, manage_url)
    finally:
        for process in background:
            process.send_signal(signal.SIGINT)
        for process in background:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
