#!/usr/bin/env python3
"""Regenerate, check and preview the two documents an instance serves.

  Sources/FleetInstance/Documents/OpenAPIDocument.swift   GET /openapi.json
  Sources/FleetInstance/Documents/DocsPage.swift          GET /docs

The OpenAPI document is, verbatim, what FastAPI 0.115 generates for a reconstruction of the original
workshop service's routes (holograph/prometheus-workshop-service-python): same function names, so
the same operationIds and summaries. Two deliberate additions, both via FastAPI's own `responses=`
mechanism so the output stays FastAPI-shaped, and a description of the `alias` path parameter
naming the eight scenarios (fleetsim's own scenario4-8 included):
  * the `Action` enum for `action` (the measured service answers 422 type "enum" for `?action=bogus`,
    so it validates against an Enum class, which FastAPI emits as a `$ref`);
  * 304/400/409 on the scenario operations with an `HTTPError` schema, because schema-based fuzzers
    check every returned status code against the document.

Usage:
  scripts/instance-documents.py check            # validate the embedded JSON (openapi-spec-validator),
                                                 # compare it with a fresh FastAPI generation when
                                                 # fastapi is importable, check /docs is offline
  scripts/instance-documents.py generate         # FastAPI's output (needs fastapi==0.115.*, e.g. a venv)
  scripts/instance-documents.py swift            # the whole OpenAPIDocument.swift from a fresh generation
  scripts/instance-documents.py extract-openapi  # print the embedded JSON
  scripts/instance-documents.py extract-docs     # print the embedded HTML
  scripts/instance-documents.py preview [PORT]   # serve /docs, /openapi.json and a stub of the API
                                                 # (bodies from http-api.md) on 127.0.0.1 only
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SWIFT_FILE = ROOT / "Sources/FleetInstance/Documents/OpenAPIDocument.swift"
DOCS_FILE = ROOT / "Sources/FleetInstance/Documents/DocsPage.swift"

SWIFT_HEADER = '''\
/// The instance's `GET /openapi.json` body.
///
/// This is, verbatim, what FastAPI 0.115 generates for the original workshop service's routes, so
/// tools and people that knew the original see the same document (operationIds, summaries, the
/// `Action` enum `$ref`, the 422 `HTTPValidationError` shape). Key order inside objects is FastAPI's
/// own and not always consistent; it is kept so a plain diff against FastAPI's output stays empty.
///
/// Deliberate differences from the original's document:
/// - `info.title` names fleetsim instead of FastAPI's default "FastAPI".
/// - `GET /scenario/{alias}` documents 400, and `POST /scenario/{alias}` documents 304 (no body),
///   400 and 409 with an `HTTPError` (`{"detail": string}`) schema. The original returns these
///   without documenting them; schema-based fuzzers (schemathesis) flag undocumented status codes.
/// - The `alias` path parameter has a description naming the eight scenarios and what each
///   simulates (scenario4–8 are fleetsim's own).
///
/// Not in the document, as in the original: `/scenario/do_something`, `/metrics`, `/docs`,
/// `/openapi.json`.
///
/// Regenerate or check with `scripts/instance-documents.py` (see its header), never by hand.
/// Held as a literal for the memory reason given on ``DocsPage``.
public enum OpenAPIDocument {
    /// The document as pretty-printed JSON (OpenAPI 3.1.0); serve it as `application/json`.
    public static let json: String = ##"""
'''
SWIFT_FOOTER = '''\
    """##
}
'''

# A reconstruction of the original's routes; only the signatures matter for the document.
ORIGINAL = r'''
from enum import Enum
from typing import Annotated
from fastapi import APIRouter, FastAPI, Path
from pydantic import BaseModel

# fleetsim's addition: the aliases and what each simulates (scenario4-8 are fleetsim's own).
ALIAS = Annotated[str, Path(description="scenario1 (memory leak), scenario2 (disk fill), scenario3 (rate limit), "
             "scenario4 (latency), scenario5 (errors), scenario6 (cpu), scenario7 (crash loop), scenario8 (fd leak)")]

class Action(str, Enum):
    start = "start"
    stop = "stop"

class GaugeData(BaseModel):
    value: int

class HTTPError(BaseModel):
    detail: str

showcase = APIRouter(prefix="/showcase")

@showcase.get("/count/{label}")
def count(label: str) -> dict: ...

@showcase.get("/duration/{length_ms}")
def duration(length_ms: int) -> dict: ...

@showcase.put("/gauge")
def gauge_value(data: GaugeData) -> dict: ...

scenario = APIRouter(prefix="/scenario")

@scenario.get("/health")
def health() -> dict: ...

@scenario.get("/do_something", include_in_schema=False)
def sample_endpoint() -> dict: ...

@scenario.get("/{alias}", responses={400: {"model": HTTPError}})
def scenario_status(alias: ALIAS) -> dict: ...

@scenario.post("/{alias}", responses={
    304: {"description": "Not Modified"},
    400: {"model": HTTPError},
    409: {"model": HTTPError},
})
def scenario_action(alias: ALIAS, action: Action) -> dict: ...

app = FastAPI(title="Prometheus workshop service (fleetsim)", openapi_tags=[
    {"name": "showcase", "description": "APIs for the metric showcase"},
    {"name": "scenario", "description": "APIs for the scenarios"},
])
app.include_router(showcase, tags=["showcase"])
app.include_router(scenario, tags=["scenario"])
'''


def generate() -> str:
    namespace: dict = {}
    exec(compile(ORIGINAL, "<original>", "exec"), namespace)
    return json.dumps(namespace["app"].openapi(), indent=2)


def swift_source(document: str) -> str:
    if '"##' in document or "\\##" in document:
        raise SystemExit("document would end the Swift raw string early")
    body = "\n".join(("    " + line) if line else line for line in document.splitlines())
    return SWIFT_HEADER + body + "\n" + SWIFT_FOOTER


def extract(path: pathlib.Path = SWIFT_FILE) -> str:
    """The value of the file's `##\"\"\"` raw string literal, as Swift sees it."""
    text = path.read_text()
    match = re.search(r'##"""\n(.*?)\n[ ]*"""##', text, re.S)
    if not match:
        raise SystemExit(f"no ##\"\"\" raw string in {path}")
    # Swift strips the closing delimiter's indentation (4 spaces) from every line.
    return "\n".join(line[4:] if line.startswith("    ") else line for line in match.group(1).split("\n"))


def check() -> None:
    from openapi_spec_validator import validate

    embedded = extract()
    document = json.loads(embedded)
    validate(document)
    operations = sorted(
        (path, method) for path, item in document["paths"].items() for method in item
    )
    print("openapi.json: valid OpenAPI", document["openapi"], "operations:", operations)

    html = extract(DOCS_FILE)
    for needle in ("http://", "https://", "innerHTML"):
        if needle in html:
            raise SystemExit(f"docs page contains {needle!r}")
    print("docs page: no absolute URLs, no innerHTML,", len(html), "characters")

    try:
        fresh = generate()
    except ImportError:
        print("fastapi not importable: skipped the comparison with a fresh generation")
        return
    if fresh != embedded:
        raise SystemExit("embedded document differs from FastAPI's output; run `swift` to regenerate")
    print("openapi.json: identical to FastAPI", __import__("fastapi").__version__, "output")


def preview(port: int) -> None:
    """A loopback-only stand-in for an instance, to look at /docs in a browser."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, unquote, urlsplit

    aliases = [f"scenario{n}" for n in range(1, 9)]
    state = {"running": None}
    pages = {"/docs": (extract(DOCS_FILE).encode(), "text/html; charset=utf-8"),
             "/openapi.json": (extract().encode(), "application/json")}

    class Handler(BaseHTTPRequestHandler):
        def reply(self, status, body=None, content_type="application/json"):
            data = b"" if body is None else body if isinstance(body, bytes) else \
                json.dumps(body, separators=(",", ":")).encode()
            self.send_response(status)
            if body is not None:
                self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def handle_method(self, method):
            url = urlsplit(self.path)
            path = url.path.rstrip("/") or "/"
            running = state["running"]
            if method == "GET" and path in pages:
                return self.reply(200, *pages[path])
            if method == "GET" and path == "/metrics":
                return self.reply(200, b"# TYPE my_value gauge\nmy_value 5\n", "text/plain; version=0.0.4; charset=utf-8")
            if method == "GET" and path == "/scenario/health":
                return self.reply(200, {"status": "ok", "scenarios": {
                    a: "running" if a == running else "stopped" for a in aliases}})
            if path.startswith("/scenario/") and method in ("GET", "POST"):
                alias = unquote(path[len("/scenario/"):])
                if method == "POST":
                    action = parse_qs(url.query).get("action", [None])[0]
                    if action not in ("start", "stop"):
                        return self.reply(422, {"detail": [{"type": "enum", "loc": ["query", "action"],
                                          "msg": "Input should be 'start' or 'stop'", "input": action,
                                          "ctx": {"expected": "'start' or 'stop'"}}]})
                if alias not in aliases:
                    return self.reply(400, {"detail": f"Unknown scenario '{alias}'"})
                if method == "GET":
                    return self.reply(200, {"scenario": alias, "status": "running" if alias == running else "stopped"})
                if action == "start":
                    if running == alias:
                        return self.reply(304)
                    if running:
                        return self.reply(409, {"detail": f"Scenario '{running}' is in progress"})
                    state["running"] = alias
                    return self.reply(200, {"scenario": alias, "status": "running"})
                if running != alias:
                    return self.reply(304)
                state["running"] = None
                return self.reply(200, {"scenario": alias, "status": "stopped"})
            if method == "GET" and path.startswith("/showcase/duration/"):
                value = unquote(path.rsplit("/", 1)[1])
                if not re.fullmatch(r"[+-]?\d+", value.strip()):
                    return self.reply(422, {"detail": [{"type": "int_parsing", "loc": ["path", "length_ms"],
                                      "msg": "Input should be a valid integer, unable to parse string as an integer",
                                      "input": value}]})
                return self.reply(200, {"status": "ok"})
            if method == "GET" and path.startswith("/showcase/count/"):
                return self.reply(200, {"status": "ok"})
            if method == "PUT" and path == "/showcase/gauge":
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                try:
                    int(json.loads(raw)["value"])
                except Exception:
                    return self.reply(422, {"detail": [{"type": "int_parsing", "loc": ["body", "value"],
                                      "msg": "Input should be a valid integer", "input": None}]})
                return self.reply(200, {"status": "ok"})
            return self.reply(404, {"detail": "Not Found"})

        def do_GET(self): self.handle_method("GET")
        def do_POST(self): self.handle_method("POST")
        def do_PUT(self): self.handle_method("PUT")

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"preview on http://127.0.0.1:{server.server_address[1]}/docs (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "generate":
        print(generate())
    elif command == "swift":
        sys.stdout.write(swift_source(generate()))
    elif command == "extract-openapi":
        print(extract())
    elif command == "extract-docs":
        print(extract(DOCS_FILE))
    elif command == "check":
        check()
    elif command == "preview":
        preview(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    else:
        raise SystemExit(__doc__)
