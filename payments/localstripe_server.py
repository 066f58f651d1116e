"""Run localstripe, the Stripe stand-in of development, the demo and the tests.

localstripe keeps its state in one fixed file (/tmp/localstripe.pickle) shared by every
instance on the machine, and forgets registered webhooks when it stops. This launcher gives
each instance its own state file (or none), listens on loopback only, and registers our
webhook endpoint at start:

    python -m payments.localstripe_server --port 8420 --state-file .localstripe/state.pickle \\
        --webhook-url http://127.0.0.1:8000/stripe/webhook/ --webhook-secret whsec_...
"""

from __future__ import annotations

import argparse
import os
import pickle
from pathlib import Path


def _keep_state_in(path: Path | None) -> None:
    from localstripe import resources

    def load(store: dict) -> None:
        if path is not None and path.exists():
            with path.open("rb") as file:
                saved = pickle.load(file)  # noqa: S301  (our own file, written below)
            store.clear()
            store.update(saved)

    def dump(store: dict) -> None:
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        with partial.open("wb") as file:
            pickle.dump(store, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)

    resources.Store.try_load_from_disk = load
    resources.Store.dump_to_disk = dump


def main(argv: list[str] | None = None) -> None:
    """Start localstripe in the foreground until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument(
        "--state-file", type=Path, help="keep state here between runs (default: none)"
    )
    parser.add_argument("--from-scratch", action="store_true", help="ignore the saved state")
    parser.add_argument("--webhook-url", help="where localstripe sends signed events")
    parser.add_argument("--webhook-secret", default="", help="the secret it signs them with")
    args = parser.parse_args(argv)

    _keep_state_in(args.state_file)
    from aiohttp import web
    from localstripe import server
    from localstripe.webhooks import register_webhook

    if not args.from_scratch:
        server.store.try_load_from_disk()
    if args.webhook_url:
        if not args.webhook_secret:
            parser.error("--webhook-url needs --webhook-secret")
        register_webhook("business2community", args.webhook_url, args.webhook_secret, None)
    web.run_app(server.app, host=args.host, port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
