"""Screenshots of the main pages, in Dutch and English, at 1280 and 390 px, into docs/screenshots/.

    .venv/bin/python benchmarks/screenshots.py                   # scratch database, then shoot
    .venv/bin/python benchmarks/screenshots.py --db /tmp/b2c-shots.sqlite3  # reuse a seeded one

1. A scratch SQLite database (a temporary file, or --db PATH kept for the next run): migrated and
   `seed_demo` (idempotent; the demo ships its vectors; no network but the loopback).
2. `manage.py runserver --noreload` on a free loopback port with the development settings.
3. Real Chromium (/usr/bin/chromium, through Playwright) opens each page as a visitor, then logs
   in as the demo's first initiative owner for the dashboard, the need form and a match. Each
   shot is the first screen (the viewport, not the whole page), saved as an 8-bit PNG (Pillow's
   palette quantisation) so the folder stays small; README.md lists them.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "demo-Business2Community"  # noqa: S105 - the demo's published password
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


def manage(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def shrink(path: Path) -> None:
    """Rewrite the PNG with a 256-colour palette (about a third of the size, same look)."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file to keep (reused when it exists)")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="b2c-shots-"))
    db = Path(options.db) if options.db else scratch / "demo.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{db}",
        "MEDIA_ROOT": str(scratch / "media"),
    }
    fresh = not db.exists()
    if fresh:
        print(f"Seeding the demo into {db} ...", flush=True)
        manage("migrate", "--noinput", "-v", "0", env=env)
    logins = manage("seed_demo", env=env)  # idempotent: a reused database is left as it is
    emails = re.findall(r"[\w.+-]+@[\w.-]+", logins)
    owner = next((m for m in emails if m.startswith("initiative@")), None)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base + "/health")
        shots = shoot(base, owner)
    finally:
        server.terminate()
        server.wait(timeout=20)
    write_readme(shots)
    total = sum((HERE / name).stat().st_size for name, _ in shots)
    print(f"{len(shots)} screenshots, {total / 1_048_576:.1f} MB, in {HERE}")


def shoot(base: str, owner: str | None) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    shots: list[tuple[str, str]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for device, (width, height) in WIDTHS.items():
            context = browser.new_context(
                base_url=base, viewport={"width": width, "height": height}, locale="nl-NL"
            )
            page = context.new_page()
            page.goto("/offers/")
            offer = page.locator(".card__title a").first.get_attribute("href")
            page.goto("/needs/")
            need = page.locator(".card__title a").first.get_attribute("href")
            page.goto("/organisations/")
            organisation = page.locator(".card__title a").first.get_attribute("href")
            public = [
                ("home", "/", "Home"),
                ("offers", "/offers/", "Offers, browsed with filters"),
                ("needs", "/needs/", "Needs"),
                ("offer", offer, "An offer"),
                ("need", need, "A need with its funding"),
                ("organisation", organisation, "An organisation's profile"),
                ("search", "/search/?q=zonnepanelen", "Search"),
                ("hub", "/kennisbank/", "The knowledge hub"),
                ("style", "/style/", "The living style guide"),
            ]
            for name, url, what in public:
                shots += both_languages(page, url, f"{name}-{device}", what)
            if owner:
                page.goto("/accounts/login/")
                page.fill('input[name="username"]', owner)
                page.fill('input[name="password"]', PASSWORD)
                page.locator('main form[action="/accounts/login/"] button[type=submit]').click()
                page.wait_for_url("**/dashboard/")
                private = [
                    ("dashboard", "/dashboard/", "The dashboard of an initiative"),
                    ("need-form", "/dashboard/needs/new/", "Posting a need, in sections"),
                ]
                page.goto("/dashboard/matches/")
                match = page.locator('main a[href^="/matches/"]').first
                if match.count():
                    private.append(("match", match.get_attribute("href"), "A match and its stepper"))
                for name, url, what in private:
                    shots += both_languages(page, url, f"{name}-{device}", what)
            context.close()
        browser.close()
    return shots


def both_languages(page, url: str, stem: str, what: str) -> list[tuple[str, str]]:
    taken = []
    page.goto(url)
    english = page.locator('.language-switcher a[hreflang="en"]').get_attribute("href")
    for language, address in (("nl", url), ("en", english)):
        if language == "en":
            page.goto(address)
        page.wait_for_load_state("networkidle")
        name = f"{stem}-{language}.png"
        page.screenshot(path=str(HERE / name))
        shrink(HERE / name)
        taken.append((name, f"{what} ({'Dutch' if language == 'nl' else 'English'}, {address})"))
    return taken


def write_readme(shots: list[tuple[str, str]]) -> None:
    lines = [
        "# Screenshots",
        "",
        "The main pages of the seeded demo in real Chromium, in Dutch and English, at 1280 px",
        "(desktop) and 390 px (phone): the first screen of each page. Made by",
        "`.venv/bin/python benchmarks/screenshots.py` (a scratch database with `seed_demo`, see the",
        "script's docstring); run it again after a visible change and commit the images.",
        "",
        "| file | page |",
        "|---|---|",
    ]
    lines += [f"| [{name}]({name}) | {what} |" for name, what in shots]
    (HERE / "README.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
