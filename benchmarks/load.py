"""A mixed load on the demo under gunicorn, with locust: throughput, p95 and errors.

    .venv/bin/python benchmarks/load.py                                    # 30 s, writes docs
    .venv/bin/python benchmarks/load.py --seconds 10 --reuse-db /tmp/b2c-bench.sqlite3 --no-write

1. The demo database and the serving come from benchmarks/pages.py: a SQLite file migrated,
   seeded, embedded and indexed (`--reuse-db PATH` keeps it), served by gunicorn with 2 sync
   workers and `config.settings.production` over plain http on a free loopback port (page cache
   on, per-process memory cache, as `make run`-like serving without Redis).
2. Locust (as a library, no web UI) runs `--users` simulated people for `--seconds`, each
   starting the next request as soon as the last one answered:
   - visitors (3 in 4): home, the offer and need lists, a need page, a search;
   - members (1 in 4), logged in as the demo initiative owner: the dashboard, the manage page of
     their need, and a few writes: a message in their match, an expression of interest in an offer.
   Writes are POSTs with a CSRF token, not followed to their redirect.
3. It prints, per kind of request and in all: requests, req/s, p50 and p95 in ms and errors
   (any 5xx, connection error or unexpected status; 429 "slow down" answers are counted apart),
   and, unless --no-write, writes the table into docs/operations.md between the markers.

Loopback only: the target is the gunicorn this script starts.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import gevent

# locust patches the standard library with gevent: it comes before benchmarks.pages (urllib, ssl).
from locust import HttpUser, constant, events, tag, task  # noqa: I001
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import pages  # noqa: E402

DOCS = ROOT / "docs" / "operations.md"
START, END = "<!-- load:start -->", "<!-- load:end -->"
CSRF = "loadtestcsrfsecret0123456789abcd"  # 32 characters: Django takes it as the cookie's secret
SCENARIO: dict = {}  # filled in main() before the users start
QUERIES = ["zonnepanelen", "energie", "buurthuis", "advies", "vervoer", "isolatie", "moestuin"]


def _ok(response, name: str, expected: tuple[int, ...]) -> None:
    if response.status_code == 429:  # a rate limit saying "slow down": counted apart
        response.success()
        THROTTLED[name] = THROTTLED.get(name, 0) + 1
    elif response.status_code in expected:
        response.success()
    else:
        response.failure(f"HTTP {response.status_code}")


THROTTLED: dict[str, int] = {}
LOAD_BEFORE = 0.0


class Visitor(HttpUser):
    """Someone browsing without an account."""

    weight = 3
    wait_time = constant(0)

    def _get(self, name: str, path: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            _ok(response, name, (200,))

    @task(3)
    def home(self):
        self._get("home", "/")

    @task(2)
    def lists(self):
        self._get("offers list", "/offers/")
        self._get("needs list", "/needs/")

    @task(3)
    def need(self):
        self._get("need page", random.choice(SCENARIO["needs"]))

    @task(2)
    def search(self):
        self._get("search", f"/search/?q={random.choice(QUERIES)}")


class Member(HttpUser):
    """The demo initiative owner: their dashboard and need, and now and then a write."""

    weight = 1
    wait_time = constant(0)

    def on_start(self):
        self.client.headers["Cookie"] = f"{SCENARIO['cookie']}; csrftoken={CSRF}"
        self.sent = 0

    def _get(self, name: str, path: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            _ok(response, name, (200,))

    def _post(self, name: str, path: str, data: dict) -> None:
        data = {"csrfmiddlewaretoken": CSRF, **data}
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            _ok(response, name, (302, 303))

    @task(4)
    def dashboard(self):
        self._get("dashboard", "/dashboard/")

    @task(4)
    def need_manage(self):
        self._get("need manage", SCENARIO["owner_need"])

    @tag("write")
    @task(1)
    def message(self):
        self.sent += 1
        self._post(
            "write: message",
            SCENARIO["message"],
            {"body": f"Load test message {self.sent} at {time.time():.3f}"},
        )

    @tag("write")
    @task(1)
    def interest(self):
        offers = SCENARIO["offers"]
        offer = offers[self.sent % len(offers)]
        self.sent += 1
        self._post(
            "write: interest",
            "/matches/start/",
            {
                "need": SCENARIO["need_id"],
                "offer": offer,
                "proposal": "Load test: we would like to talk about this.",
                "timing": "",
                "question": "",
            },
        )


def scenario(database: Path) -> dict:
    """Paths, the member's session cookie, their match and some offers (Django in-process)."""
    paths, cookie, _queries, _shown = pages.demo_paths_and_queries(database)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from marketplace import match_services, selectors
    from marketplace.models import Match, Need

    owner = get_user_model().objects.get(email="initiative@demo.business2community.nl")
    need_id = int(re.search(r"/(\d+)/$", paths["owner_need"]).group(1))
    need = Need.objects.get(pk=need_id)
    offers = list(
        selectors.offer_list_public()
        .exclude(organisation=need.organisation)
        .values_list("pk", flat=True)[:40]
    )
    needs = [f"/needs/{slug}/" for slug in selectors.need_list_public().values_list("slug", flat=True)[:20]]
    match = Match.objects.filter(need=need).order_by("pk").first()
    if match is None:
        match = match_services.match_express_interest(
            need=need, offer=selectors.offer_list_public().get(pk=offers[0]), actor=owner,
            proposal="Load test", timing="", question="",
        )
    connection.close()
    return {
        **paths,
        "cookie": cookie,
        "need_id": need_id,
        "needs": needs,
        "offers": offers[1:] or offers,
        "message": f"/matches/{match.pk}/message/",
    }


def run_locust(base: str, *, users: int, seconds: float) -> Environment:
    environment = Environment(user_classes=[Visitor, Member], events=events, host=base)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    return environment


def warm_up(base: str) -> None:
    """One request per worker and page, so the first loads (encoder, caches) are not measured."""
    for _ in range(pages.WORKERS * 2):
        for path in ("/", "/offers/", "/needs/", SCENARIO["need"], SCENARIO["search"], *SCENARIO["needs"]):
            pages.fetch(base + path)
        for path in ("/dashboard/", SCENARIO["owner_need"]):
            pages.fetch(base + path, cookie=SCENARIO["cookie"])


def table(environment: Environment, args) -> str:
    stats = environment.stats
    rows = sorted(stats.entries.values(), key=lambda entry: entry.name)
    total = stats.total
    duration = max(total.last_request_timestamp - total.start_time, 1e-9)
    lines = [
        f"Measured {datetime.date.today().isoformat()} with `benchmarks/load.py --seconds "
        f"{args.seconds:g} --users {args.users}` on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} CPU(s) shared with the load generator, {platform.machine()}, Python "
        f"{platform.python_version()}; gunicorn {pages.WORKERS} sync workers, "
        "`config.settings.production`, SQLite (WAL), per-process memory cache, page cache on; "
        f"locust, {args.users} users without pauses, 3 visitors to 1 logged-in member; "
        f"machine load average {LOAD_BEFORE:.1f} before the run (other work shares these CPUs).",
        "",
        "| request | requests | req/s | p50 ms | p95 ms | errors | 429 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in rows:
        lines.append(
            f"| {entry.name} | {entry.num_requests} | {entry.num_requests / duration:.1f} | "
            f"{entry.get_response_time_percentile(0.5):.0f} | "
            f"{entry.get_response_time_percentile(0.95):.0f} | {entry.num_failures} | "
            f"{THROTTLED.get(entry.name, 0)} |"
        )
    lines.append(
        f"| **all** | {total.num_requests} | {total.num_requests / duration:.1f} | "
        f"{total.get_response_time_percentile(0.5):.0f} | "
        f"{total.get_response_time_percentile(0.95):.0f} | {total.num_failures} | "
        f"{sum(THROTTLED.values())} |"
    )
    errors = sorted(stats.errors.values(), key=lambda error: -error.occurrences)
    if errors:
        lines += ["", "Errors: " + "; ".join(
            f"{error.name}: {error.error} ×{error.occurrences}" for error in errors[:5]
        )]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    content = DOCS.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise SystemExit(f"{DOCS} lacks the {START} / {END} markers")
    before, rest = content.split(START, 1)
    _, after = rest.split(END, 1)
    DOCS.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> None:
    global LOAD_BEFORE
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30, help="length of the load (default 30)")
    parser.add_argument("--users", type=int, default=8, help="simulated people at once (default 8)")
    parser.add_argument("--reuse-db", type=Path, help="prepared demo SQLite file (made if missing)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="b2c-load-") as tmp:
        database = args.reuse_db.resolve() if args.reuse_db else Path(tmp) / "demo.sqlite3"
        if not database.exists():
            pages.log(f"Preparing the demo database in {database} ...")
            pages.prepare_demo(database)
        env = pages.demo_env(database)
        env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"  # rendered, not printed
        pages.collect_static(env, ROOT)
        SCENARIO.update(scenario(database))
        with pages.gunicorn("config.wsgi", cwd=ROOT, env=env) as base:
            pages.log(f"Warming up {base} ...")
            warm_up(base)
            LOAD_BEFORE = os.getloadavg()[0]
            pages.log(f"Load: {args.users} users for {args.seconds:g} s ...")
            environment = run_locust(base, users=args.users, seconds=args.seconds)

    text = table(environment, args)
    print(text)
    if not args.no_write:
        write_docs(text)
        pages.log(f"Written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
