"""Page speed under gunicorn: the seeded demo against a bare `wagtail start` site, same machine, same run.

    .venv/bin/python benchmarks/pages.py                                   # full run, writes docs
    .venv/bin/python benchmarks/pages.py --seconds 10 --reuse-db /tmp/b2c-bench.sqlite3 --no-write
    .venv/bin/python benchmarks/pages.py --pages home,about --seconds 5 --reuse-db /tmp/b2c-bench.sqlite3

1. The demo database: a temporary SQLite file, migrated, `seed_demo`, `rebuild_embeddings`,
   `record_suggestions`, `rebuild_search_index` (a few minutes, mostly embedding). `--reuse-db PATH`
   keeps it at PATH and reuses it when it is already there.
2. The demo is served by gunicorn (2 sync workers) with `config.settings.production`. The child gets
   SECRET_KEY, DATABASE_URL (the file above), ALLOWED_HOSTS=127.0.0.1 and, because there is no TLS
   on the loopback, SECURE_SSL_REDIRECT=0 (otherwise every request is a 301 to https). Cookies stay
   `Secure`: the load generator sends the session cookie itself. Static files are collected once
   (whitenoise's manifest storage needs it), into `staticfiles/` as in the Dockerfile.
3. A bare `wagtail start` site in a temporary directory, migrated, its own production settings
   (DEBUG off, manifest static storage, collectstatic), served by gunicorn with 2 sync workers.
4. Each page gets one warm-up request per worker (first requests load encoders and fill caches),
   then `--seconds` of load at 8 keep-alive connections from `wrk` (or a Python thread pool when
   wrk is missing), capped at `--max-requests`, loopback only. The bare site is measured before
   and after the demo pages and the mean is the reference for the ratios.
5. The owner's need page (the initiative owner's published need, ten recommendations) is loaded
   with a logged-in session cookie; its query count is measured in-process with the Django test
   client and CaptureQueriesContext (a second view, after a first that may record suggestions).

The table is printed and, unless --no-write, written into docs/performance.md between the markers
(with --no-page-cache, the demo renders every page and the table goes to its own markers).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime
import http.client
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs" / "performance.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
HOST = "127.0.0.1"
CONNECTIONS = 8
WORKERS = 2
SECRET = "benchmark-only-secret-key-not-for-production"  # noqa: S105
PAGE_NAMES = [
    "home",
    "offers",
    "needs",
    "organisations",
    "need",
    "offer",
    "hub",
    "article",
    "about",
    "search",
    "owner_need",
]
# Targets of issue 9: public pages at >= 0.5x the bare site; the owner's need page p95 <= 100 ms
# with <= 15 queries.
RATIO_TARGET = 0.5
OWNER_P95_TARGET_MS = 100
OWNER_QUERY_TARGET = 15
# The environment we were started with (the in-process measurement changes os.environ).
START_ENV = dict(os.environ)


@dataclass
class Result:
    name: str
    path: str
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# The demo database -----------------------------------------------------------------------------


def demo_env(database: Path, *, page_cache: bool = True) -> dict[str, str]:
    """The child environment for production settings over plain http on the loopback."""
    env = dict(START_ENV)
    env.update(
        PAGE_CACHE="1" if page_cache else "0",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=SECRET,
        DATABASE_URL=f"sqlite:///{database}",
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"http://{HOST}",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        OPENBLAS_NUM_THREADS="1",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare_demo(database: Path) -> None:
    """Migrate, seed, embed and index the demo into a fresh SQLite file."""
    env = demo_env(database)
    steps = [
        ["migrate", "--noinput", "-v", "0"],
        ["seed_demo"],
        ["rebuild_embeddings"],
        ["record_suggestions"],
        ["rebuild_search_index"],
    ]
    for step in steps:
        started = time.perf_counter()
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        log(f"  {' '.join(step)}: {time.perf_counter() - started:.0f} s")


def collect_static(env: dict[str, str], cwd: Path) -> None:
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=cwd,
        env=env,
        check=True,
    )


# The bare Wagtail site -------------------------------------------------------------------------


def prepare_bare_site(directory: Path) -> tuple[Path, dict[str, str]]:
    """`wagtail start bare`, production settings with a local secret, migrated and collected."""
    env = dict(START_ENV)
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        env.pop(name, None)
    directory.mkdir(parents=True)
    subprocess.run(  # noqa: S603
        [str(BIN / "wagtail"), "start", "bare", str(directory)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    local = directory / "bare" / "settings" / "local.py"
    local.write_text(
        f'SECRET_KEY = "{SECRET}"\nALLOWED_HOSTS = ["{HOST}"]\n', encoding="utf-8"
    )
    env.update(DJANGO_SETTINGS_MODULE="bare.settings.production", PYTHONPATH=str(directory))
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=directory, env=env, check=True
    )
    collect_static(env, directory)
    return directory, env


# Serving ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(wsgi: str, *, cwd: Path, env: dict[str, str]):
    """Serve `wsgi` with 2 sync workers on a free loopback port; yield the base URL."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            wsgi,
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "300",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection((HOST, port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn for {wsgi} did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fetch(url: str, cookie: str = "", timeout: float = 300) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# Load ------------------------------------------------------------------------------------------

WRK_SCRIPT = """
local max_requests = tonumber(os.getenv("BENCH_MAX_PER_THREAD")) or 0
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
local count = 0
function response(status, headers, body)
  count = count + 1
  if max_requests > 0 and count >= max_requests then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH %d %.6f %d %.3f %.3f %.3f\\n", summary.requests,
    summary.duration / 1e6, errors, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
"""


def load_wrk(url: str, *, seconds: float, max_requests: int, cookie: str, script: Path) -> tuple:
    threads = 2
    env = dict(os.environ, BENCH_MAX_PER_THREAD=str(max(1, max_requests // threads)),
               BENCH_COOKIE=cookie)
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            f"-t{threads}",
            f"-c{CONNECTIONS}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(row for row in output.splitlines() if row.startswith("BENCH "))
    requests, duration, errors, p50, p95, p99 = line.split()[1:]
    return int(requests), float(duration), int(errors), float(p50), float(p95), float(p99)


def load_python(url: str, *, seconds: float, max_requests: int, cookie: str, script=None) -> tuple:
    """Eight threads, each with one keep-alive connection, until time or the request cap runs out."""
    target = urllib.parse.urlsplit(url)
    path = target.path + (f"?{target.query}" if target.query else "")
    headers = {"Cookie": cookie} if cookie else {}
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    budget = [max_requests]
    deadline = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        connection.close()

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CONNECTIONS) as pool:
        for future in [pool.submit(client) for _ in range(CONNECTIONS)]:
            future.result()
    duration = time.perf_counter() - started
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else 0

    return len(latencies), duration, errors[0], percentile(50), percentile(95), percentile(99)


def measure(name: str, base: str, path: str, args, cookie: str = "", script=None) -> Result:
    # Warm every worker (encoders, template caches, page caches); a page that never answers 200
    # is still measured, and its errors are counted and shown.
    statuses = [fetch(base + path, cookie) for _ in range(WORKERS * 2)]
    if 200 not in statuses:
        log(f"  {name}: GET {path} answered {statuses} while warming up")
    loader = load_wrk if shutil.which("wrk") and not args.python_client else load_python
    requests, duration, errors, p50, p95, p99 = loader(
        base + path, seconds=args.seconds, max_requests=args.max_requests, cookie=cookie,
        script=script,
    )
    result = Result(name, path, requests, duration, errors, p50, p95, p99)
    log(
        f"  {name:14} {result.rps:7.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
        f"  p99 {p99:6.1f} ms  ({requests} requests, {errors} errors)  {path}"
    )
    return result


# What to request, and the owner's query count (in-process) --------------------------------------


def demo_paths_and_queries(database: Path) -> tuple[dict[str, str], str, int, int]:
    """The URL of each page, a session cookie of the initiative owner and their need page's queries."""
    os.environ.update({k: v for k, v in demo_env(database).items() if k != "PYTHONPATH"})
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from cms.models import ArticlePage, HubIndexPage, StandardPage
    from marketplace import selectors
    from marketplace.models import ListingStatus, Need

    def nl(page) -> str:
        return page.url if page is not None else ""

    with_dutch = {"locale__language_code": "nl"}
    need = selectors.need_list_public().first()
    offer = selectors.offer_list_public().first()
    paths = {
        "home": "/",
        "offers": "/offers/",
        "needs": "/needs/",
        "organisations": "/organisations/",
        "need": f"/needs/{need.slug}/",
        "offer": f"/offers/{offer.slug}/",
        "hub": nl(HubIndexPage.objects.live().filter(**with_dutch).first()),
        "article": nl(ArticlePage.objects.live().filter(**with_dutch).first()),
        "about": nl(
            StandardPage.objects.live().filter(slug__startswith="over", **with_dutch).first()
            or StandardPage.objects.live().filter(**with_dutch).first()
        ),
        "search": "/search/?q=zonnepanelen",
    }
    owner = get_user_model().objects.get(email="initiative@demo.business2community.nl")
    own_need = (
        Need.objects.filter(organisation__memberships__user=owner, status=ListingStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )
    paths["owner_need"] = f"/dashboard/needs/{own_need.pk}/"
    setup_test_environment()  # response.context, and mail kept in memory
    client = Client(HTTP_HOST=HOST)
    client.force_login(owner)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    client.get(paths["owner_need"])  # a first view may still record suggestions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(paths["owner_need"])
    if response.status_code != 200:
        raise SystemExit(f"owner need page answered {response.status_code}")
    shown = _count_shown((response.context or {}).get("recommendations"))
    connection.close()
    return paths, cookie, len(queries), shown


def _count_shown(recommendations) -> int:
    """How many recommendations the page showed (a list, or an object with a list in .items)."""
    items = getattr(recommendations, "items", recommendations)
    return -1 if items is None or callable(items) else len(list(items))


# Report ----------------------------------------------------------------------------------------


def table(results: list[Result], bare: list[Result], owner_queries: int, shown: int, args) -> str:
    reference = sum(r.rps for r in bare) / len(bare)
    lines = [
        f"Measured {datetime.date.today().isoformat()} with `benchmarks/pages.py --seconds "
        f"{args.seconds:g}` on {platform.node() or 'this machine'}: {os.cpu_count()} CPU(s), "
        f"{platform.machine()}, Python {platform.python_version()}, load from "
        f"{'wrk' if shutil.which('wrk') and not args.python_client else 'a Python thread pool'} "
        f"at {CONNECTIONS} connections, gunicorn {WORKERS} sync workers, SQLite, "
        f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}, page cache "
        f"{'off: every page rendered' if args.no_page_cache else 'on'}. "
        f"Bare `wagtail start` site: "
        + ", ".join(f"{r.rps:.0f} req/s" for r in bare)
        + f" (before and after; reference {reference:.0f} req/s).",
        "",
        "| page | path | req/s | p50 ms | p95 ms | p99 ms | × bare | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ratio = r.rps / reference if reference else 0
        if r.name == "owner_need":
            target = f"p95 ≤ {OWNER_P95_TARGET_MS} ms, ≤ {OWNER_QUERY_TARGET} queries"
            met = r.p95_ms <= OWNER_P95_TARGET_MS and owner_queries <= OWNER_QUERY_TARGET
        else:
            target = f"≥ {RATIO_TARGET}×"
            met = ratio >= RATIO_TARGET
        errors = f" ({r.errors} errors)" if r.errors else ""
        lines.append(
            f"| {r.name}{errors} | `{r.path}` | {r.rps:.0f} | {r.p50_ms:.0f} | {r.p95_ms:.0f} | "
            f"{r.p99_ms:.0f} | {ratio:.2f} | {target}: {'met' if met else '**missed**'} |"
        )
    lines += [
        "",
        f"The owner's need page (logged in as the initiative owner, {shown} recommendations shown) "
        f"ran {owner_queries} queries on its second view (Django test client, "
        f"CaptureQueriesContext).",
    ]
    return "\n".join(lines)


def write_docs(text: str, *, uncached: bool = False) -> None:
    start, end = (START, END)
    if uncached:
        start, end = (START.replace("benchmark", "benchmark-uncached"),
                      END.replace("benchmark", "benchmark-uncached"))
    content = DOCS.read_text(encoding="utf-8")
    if start not in content or end not in content:
        raise SystemExit(f"{DOCS} lacks the {start} / {end} markers")
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    DOCS.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="load per page (default 20)")
    parser.add_argument("--pages", default=",".join(PAGE_NAMES), help="comma-separated page names")
    parser.add_argument("--reuse-db", type=Path, help="prepared demo SQLite file (made if missing)")
    parser.add_argument("--max-requests", type=int, default=100000, help="cap per page")
    parser.add_argument("--python-client", action="store_true", help="never use wrk")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve the demo with PAGE_CACHE=0 (the render path; its own table in the docs)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    names = [name.strip() for name in args.pages.split(",") if name.strip()]
    unknown = set(names) - set(PAGE_NAMES)
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(PAGE_NAMES)}")

    with tempfile.TemporaryDirectory(prefix="b2c-pages-") as tmp:
        tmp_dir = Path(tmp)
        database = args.reuse_db.resolve() if args.reuse_db else tmp_dir / "demo.sqlite3"
        if not database.exists():
            log(f"Preparing the demo database in {database} ...")
            prepare_demo(database)
        else:
            log(f"Reusing the demo database {database}")
        env = demo_env(database, page_cache=not args.no_page_cache)
        collect_static(env, ROOT)
        paths, cookie, owner_queries, shown = demo_paths_and_queries(database)
        log(f"Owner's need page: {owner_queries} queries, {shown} recommendations")

        log("Preparing a bare `wagtail start` site ...")
        bare_dir, bare_env = prepare_bare_site(tmp_dir / "bare")
        script = tmp_dir / "bench.lua"
        script.write_text(textwrap.dedent(WRK_SCRIPT), encoding="utf-8")

        bare: list[Result] = []
        with gunicorn("bare.wsgi", cwd=bare_dir, env=bare_env) as base:
            log("Bare Wagtail site:")
            bare.append(measure("bare", base, "/", args, script=script))
        results: list[Result] = []
        with gunicorn("config.wsgi", cwd=ROOT, env=env) as base:
            log("Demo:")
            for name in names:
                cookie_for = cookie if name == "owner_need" else ""
                results.append(measure(name, base, paths[name], args, cookie_for, script))
        with gunicorn("bare.wsgi", cwd=bare_dir, env=bare_env) as base:
            log("Bare Wagtail site again:")
            bare.append(measure("bare", base, "/", args, script=script))

    text = table(results, bare, owner_queries, shown, args)
    print(text)
    if not args.no_write:
        write_docs(text, uncached=args.no_page_cache)
        log(f"Written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
