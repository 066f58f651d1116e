"""Loopback stand-ins for Elasticsearch: one that answers just enough of the API, one that never does.

Both listen on 127.0.0.1 only, on a port the test chooses or the system gives, and stop cleanly.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeElasticsearch:
    """Answers the calls the backend makes: indices and aliases, _bulk, _msearch, _count.

    Searches return every document of the indices they name, unranked and unfiltered: enough to
    follow the client's requests and the backend's handling of answers, not a search engine.
    """

    def __init__(self, port: int = 0) -> None:
        self.indices: dict[str, dict[str, dict]] = {}
        self.aliases: dict[str, set[str]] = {}
        self.requests: list[tuple[str, str]] = []
        self.unavailable = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _reply(self, status: int, payload: dict | None = None) -> None:
                body = json.dumps(payload or {}).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _handle(self) -> None:
                path = urlsplit(self.path).path
                body = self._body()
                fake.requests.append((self.command, path))
                if fake.unavailable:
                    return self._reply(503, {"error": "unavailable", "status": 503})
                status, payload = fake.route(self.command, [p for p in path.split("/") if p], body)
                return self._reply(status, payload)

            do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def documents(self) -> dict[str, dict]:
        """Every document behind an alias, by id."""
        found: dict[str, dict] = {}
        for names in self.aliases.values():
            for name in names:
                found.update(self.indices.get(name, {}))
        return found

    def resolve(self, name: str) -> list[str]:
        names: list[str] = []
        for part in name.split(","):
            names.extend(sorted(self.aliases.get(part, {part} if part in self.indices else set())))
        return names

    def route(self, method: str, parts: list[str], body: bytes) -> tuple[int, dict]:
        last = parts[-1] if parts else ""
        if last == "_bulk":
            return 200, self.bulk(body)
        if last == "_msearch":
            return 200, self.msearch(body)
        if last == "_count":
            return 200, {"count": sum(len(self.indices[i]) for i in self.resolve(parts[0]))}
        if last == "_refresh":
            return 200, {}
        if last == "_aliases" and method == "POST":
            for action in json.loads(body)["actions"]:
                (op, spec), = action.items()
                members = self.aliases.setdefault(spec["alias"], set())
                (members.add if op == "add" else members.discard)(spec["index"])
            return 200, {"acknowledged": True}
        if parts[:1] == ["_alias"]:
            alias = parts[1]
            if not self.aliases.get(alias):
                return 404, {"error": "alias missing", "status": 404}
            return 200, {index: {"aliases": {alias: {}}} for index in self.aliases[alias]}
        if len(parts) == 3 and parts[1] == "_alias" and method == "PUT":
            self.aliases.setdefault(parts[2], set()).add(parts[0])
            return 200, {"acknowledged": True}
        if len(parts) == 1 and method == "PUT":
            self.indices[parts[0]] = {}
            return 200, {"acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            self.indices.pop(parts[0], None)
            return 200, {"acknowledged": True}
        return 404, {"error": f"not faked: {method} /{'/'.join(parts)}", "status": 404}

    def bulk(self, body: bytes) -> dict:
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        items = []
        index = 0
        while index < len(lines):
            (op, meta), = lines[index].items()
            (target,) = self.resolve(meta["_index"]) or [meta["_index"]]
            documents = self.indices.setdefault(target, {})
            if op == "delete":
                found = documents.pop(meta["_id"], None)
                items.append({op: {"_id": meta["_id"], "status": 200 if found else 404}})
                index += 1
            else:
                documents[meta["_id"]] = lines[index + 1]
                items.append({op: {"_id": meta["_id"], "status": 201}})
                index += 2
        return {"took": 1, "errors": False, "items": items}

    def msearch(self, body: bytes) -> dict:
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        responses = []
        for header, search in zip(lines[0::2], lines[1::2], strict=True):
            hits = [
                {"_id": key, "_score": 1.0, "_source": source}
                for name in self.resolve(header["index"])
                for key, source in self.indices[name].items()
            ]
            responses.append(
                {
                    "hits": {"total": {"value": len(hits)}, "hits": hits[: search.get("size", 10)]},
                    "aggregations": {"all": {"doc_count": len(hits)}},
                    "status": 200,
                }
            )
        return {"responses": responses}

    def __enter__(self) -> FakeElasticsearch:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class BlackHole:
    """A TCP server that accepts connections and never answers (bounded: closed on exit)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.accepted = 0
        self.connections: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.accepted += 1
            self.connections.append(connection)

    def __enter__(self) -> BlackHole:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join(timeout=2)
        for connection in self.connections:
            connection.close()
        self.sock.close()
