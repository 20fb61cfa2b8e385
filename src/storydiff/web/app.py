"""``storydiff serve``: a compare page, a story browser over a store, and a JSON API with its OpenAPI.

Article text is only ever inserted through ``html.escape`` (the report module's renderers) and every page
carries a CSP that forbids loading or running anything but our own inline script. The only file the app
opens is the store it was started with; uploads are read into memory, bounded by ``Limits``.
"""

import asyncio
import json
import os
import re
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from storydiff import corpus, ingest
from storydiff.errors import InputError, StorydiffError
from storydiff.limits import MAX_SENTENCES, TIMEOUT_S
from storydiff.pipeline import compare
from storydiff.records import Comparison, CorpusDoc
from storydiff.report import corpus as show
from storydiff.report.html import page, render_html, section


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1_000_000  # per version
    max_sentences: int = MAX_SENTENCES  # per version; alignment is quadratic in sentences
    timeout_s: float = TIMEOUT_S  # per request that compares
    kept_results: int = 200  # comparisons kept for permalinks and downloads (the oldest are deleted)


class _Recent:
    """The last ``size`` comparisons by their inputs (a bounded LRU shared by every request thread)."""

    def __init__(self, size: int):
        self._items: OrderedDict[bytes, Comparison] = OrderedDict()
        self._size = max(size, 1)
        self._lock = threading.Lock()

    def get(self, key: bytes) -> Comparison | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: bytes, c: Comparison) -> Comparison:
        with self._lock:
            self._items[key] = c
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return c


def _doc_key(*docs, options: str = "") -> bytes:
    import hashlib

    h = hashlib.blake2b(digest_size=16)
    if options:  # what else the answer depends on; "" keeps the keys of plain comparisons as they were
        h.update(b"options:" + options.encode())
    for d in docs:
        for part in (d.source, d.format, repr(d.hints), d.text):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little") + data)  # length-prefixed: no two inputs hash alike
    return h.digest()


class _Results:
    """Comparisons by id, so a result page has a permalink and offers its JSON and HTML for download.

    With a folder, each is stored there as its JSON (written atomically) and read back after a restart;
    the oldest beyond ``size`` are deleted. Without one, they live in memory only.
    """

    def __init__(self, size: int, folder: Path | None = None):
        self._items: OrderedDict[str, Comparison] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._folder = folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def add(self, c: Comparison) -> str:
        key = uuid.uuid4().hex
        with self._lock:
            self._items[key] = c
            while len(self._items) > self._size:
                self._items.popitem(last=False)
            if self._folder is not None:
                tmp = self._folder / f".{key}.tmp"
                tmp.write_text(c.to_json(indent=None), encoding="utf-8")
                tmp.replace(self._folder / f"{key}.json")
                stored = sorted(self._folder.glob("*.json"), key=lambda p: (p.stat().st_mtime_ns, p.name))
                for old in stored[: max(0, len(stored) - self._size)]:
                    old.unlink(missing_ok=True)
        return key

    def get(self, key: str) -> Comparison | None:
        if not _KEY.fullmatch(key):
            return None
        with self._lock:
            found = self._items.get(key)
            if found is not None or self._folder is None:
                return found
            path = self._folder / f"{key}.json"
            if not path.exists():
                return None
            found = Comparison.from_dict(json.loads(path.read_text(encoding="utf-8")))
            self._items[key] = found
            return found


_KEY = re.compile(r"[0-9a-f]{32}")


class CompareIn(BaseModel):
    a: str = Field(description="version A: plain text or HTML")
    b: str = Field(description="version B: plain text or HTML")
    min_confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="leave out changes the change model is less sure of (0-1)"
    )
    chunks: bool = Field(False, description="add each aligned group's phrase-by-phrase alignment (English)")


class ErrorOut(BaseModel):
    """The one error shape of the API, for bad input (400), invalid requests (422) and time-outs."""

    error: str = Field(description="one line saying what was wrong")
    detail: list[dict[str, Any]] | None = Field(None, description="per-field problems of an invalid request")


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 422: {"model": ErrorOut}}


class FindIn(BaseModel):
    text: str = Field(description="the document whose versions to find: plain text or HTML")
    top: int = Field(3, ge=0, le=20, description="how many versions to compare in full")


SERVE_ENV = "STORYDIFF_SERVE"
"""The environment variable through which ``storydiff serve --workers N`` hands its settings to each worker
process (uvicorn starts workers from an import string, so they cannot receive Python objects)."""


def create_app_from_env() -> FastAPI:
    """The app of one worker process of ``serve --workers N``: the settings the parent process checked, and
    the encoder's threads set to this worker's share of the cores, so that N workers do not each start a
    thread per core (two workers of one thread each served 5.9 new pairs/s on 2 cores, of two threads 3.7)."""
    from storydiff import embed

    settings = json.loads(os.environ[SERVE_ENV])
    embed.use_threads(settings["encoder_threads"])
    return create_app(settings["db"], Limits(**settings["limits"]), settings["results"])


def create_app(
    db: str | Path | None = None, limits: Limits | None = None, results_dir: str | Path | None = None
) -> FastAPI:
    limits = limits or Limits()
    store_path = Path(db) if db else None
    if store_path is not None and not store_path.exists():
        raise InputError(f"{store_path}: no such store")
    results = _Results(limits.kept_results, Path(results_dir) if results_dir else None)
    app = FastAPI(
        title="storydiff",
        version=_version(),
        description="Compare two versions of a news story; browse the stories of an indexed corpus.",
        docs_url=None,  # the Swagger UI loads scripts from a CDN; /openapi.json is the description
        redoc_url=None,
    )

    def doc_of(text: str | bytes, name: str):
        data = text.encode("utf-8") if isinstance(text, str) else text
        return ingest.from_bytes(data, name, limits.max_bytes)

    async def bounded(fn, *args):
        try:
            return await asyncio.wait_for(run_in_threadpool(fn, *args), limits.timeout_s)
        except asyncio.TimeoutError as exc:
            raise StorydiffError(
                f"the request took longer than {limits.timeout_s:g} s and was stopped"
            ) from exc

    recent = _Recent(limits.kept_results)

    def run_compare(a, b, chunks: bool = False) -> Comparison:
        """compare(a, b), or the comparison of the same two documents made a moment ago: compare is a pure
        function of its inputs, and a monitor polling one pair should not pay for it again (issue 16)."""
        from storydiff import text

        key = _doc_key(a, b, options="chunks" if chunks else "")
        found = recent.get(key)
        if found is not None:
            return found
        for doc in (a, b):
            if len(text.sentences(doc)) > limits.max_sentences:
                raise InputError(f"{doc.source}: more than {limits.max_sentences} sentences")
        return recent.put(key, compare(a, b, chunks=chunks))

    def need_store() -> Path:
        if store_path is None:
            raise InputError("this server has no store: start it with `storydiff serve --db FILE`")
        return store_path

    def public(message: str) -> str:
        """Messages never show where the server keeps its files."""
        if store_path is not None:
            message = message.replace(str(store_path.resolve()), store_path.name)
            message = message.replace(str(store_path), store_path.name)
        return message

    @app.exception_handler(StorydiffError)
    async def _user_error(request: Request, exc: StorydiffError):
        message = public(str(exc))
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=400)
        return _error_page(message, 400)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = [
            {"where": ".".join(str(x) for x in e.get("loc", ())), "problem": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        first = problems[0] if problems else {"where": "request", "problem": "invalid"}
        message = f"invalid request: {first['where']}: {first['problem']}"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "detail": problems}, status_code=422)
        return _error_page(message, 422)

    # -- pages --------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home() -> str:
        return _shell("storydiff", _form(limits, store_path is not None))

    @app.post("/compare", include_in_schema=False)
    async def compare_form(
        a_text: Annotated[str, Form()] = "",
        b_text: Annotated[str, Form()] = "",
        a_file: Annotated[UploadFile | None, File()] = None,
        b_file: Annotated[UploadFile | None, File()] = None,
        chunks: Annotated[bool, Form()] = False,
    ):
        try:
            a = await _input(a_text, a_file, "A", limits)
            b = await _input(b_text, b_file, "B", limits)
            docs = doc_of(a, _name(a_file, "A")), doc_of(b, _name(b_file, "B"))
            result = await bounded(run_compare, *docs, chunks)
        except StorydiffError as exc:
            # The error goes on the form, and what the user pasted stays in it.
            form = _form(limits, store_path is not None, a_text, b_text, public(str(exc)), chunks)
            return HTMLResponse(_shell("storydiff: error", form), 400)
        return RedirectResponse(f"/compare/{results.add(result)}", status_code=303)

    @app.get("/compare/{key}", response_class=HTMLResponse, include_in_schema=False)
    async def compare_page(key: str) -> str:
        c = results.get(key)
        if c is None:
            raise InputError("this comparison has expired; compare again")
        links = (
            f'<p class="downloads"><a href="/report/{key}.json" download>JSON report</a> · '
            f'<a href="/report/{key}.html" download>HTML report</a> · '
            '<a href="/">compare another pair</a></p>'
        )
        return _shell("storydiff: comparison", links + section(c), filters=True)

    @app.get("/report/{key}.json", include_in_schema=False)
    async def compare_json(key: str):
        c = results.get(key)
        if c is None:
            raise InputError("this comparison has expired; compare again")
        return Response(c.to_json(), media_type="application/json")

    @app.get("/report/{key}.html", include_in_schema=False)
    async def compare_html(key: str):
        c = results.get(key)
        if c is None:
            raise InputError("this comparison has expired; compare again")
        return HTMLResponse(render_html(c))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(
        q: Annotated[str, Query(max_length=200)] = "",
        sort: Annotated[str, Query(pattern="^(size|divergence|date)$")] = "size",
        level: Annotated[str, Query(pattern="^(versions|threads)$")] = "versions",
    ) -> str:
        db_path = need_store()
        levels = (
            '<p class="levels">show: '
            + " · ".join(
                f'<a href="/stories?level={k}"{" class=on" if k == level else ""}>{label}</a>'
                for k, label in (("versions", "stories (versions)"), ("threads", "threads (one event)"))
            )
            + "</p>"
        )
        if level == "threads":
            found_threads, titles = await run_in_threadpool(_threads, db_path)
            items = "".join(
                f'<li class="thread"><b>{len(t.stories)} stories</b>, from {escape(t.earliest or "?")}<ul>'
                + "".join(
                    f'<li><a href="/story?id={_q(s.id)}">'
                    f"{escape(titles.get(s.original, (None,))[0] or s.original)}</a> ({len(s.members)} "
                    f"version{'s' if len(s.members) != 1 else ''})</li>"
                    for s in t.stories
                )
                + "</ul></li>"
                for t in found_threads
            )
            html = levels + (
                f'<p>{len(found_threads)} threads of two or more stories</p><ul class="threads">{items}</ul>'
            )
            return _shell("storydiff: threads", html)
        found, titles = await run_in_threadpool(_stories, db_path)
        rows = _filter_sort(found, titles, q, sort)
        body = "".join(
            f'<tr><td><a href="/story?id={_q(s.id)}">'
            f"{escape(titles.get(s.original, (None,))[0] or s.original)}</a></td><td>{len(s.members)}</td>"
            f"<td>{escape(s.earliest or '')}</td><td>{s.divergence:.2f}</td></tr>"
            for s in rows
        )
        sorts = " ".join(
            f'<a href="/stories?q={_q(q)}&amp;sort={k}"{" class=on" if k == sort else ""}>{k}</a>'
            for k in ("size", "divergence", "date")
        )
        html = (
            f'<form method="get" action="/stories" class="search"><input name="q" value="{escape(q)}" '
            f'placeholder="search titles and ids"><input type="hidden" name="sort" value="{escape(sort)}">'
            f"<button>search</button> sort by {sorts}</form>"
            f"<p>{len(rows)} of {len(found)} stories with two or more versions</p>"
            f'<table class="stories"><thead><tr><td>story (likely original)</td><td>versions</td>'
            f"<td>earliest</td><td>divergence</td></tr></thead><tbody>{body}</tbody></table>"
        )
        return _shell("storydiff: stories", levels + html)

    @app.get("/story", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(id: Annotated[str, Query(max_length=2000)]) -> str:
        report = await bounded(corpus.story, need_store(), id)
        doc = show.render_story_html(report)
        feed = f"/feed.atom?story={_q(report.story.id)}"
        head = f'<link rel="alternate" type="application/atom+xml" title="changes" href="{feed}">'
        nav = _NAV.replace("</nav>", f' · <a href="{feed}">feed of these changes</a></nav>')
        return doc.replace("</head>", head + "</head>", 1).replace("<body>", "<body>" + nav, 1)

    @app.get("/feed.atom", include_in_schema=False)
    async def feed(
        request: Request,
        story: Annotated[str | None, Query(max_length=2000)] = None,
        url: Annotated[str | None, Query(max_length=2000)] = None,
    ) -> Response:
        """Atom: one entry per version of a story (``?story=``) or per step of a URL's history (``?url=``)."""
        from storydiff.report.feed import history_feed, story_feed

        if (story is None) == (url is None):
            raise InputError("a feed is of one story (?story=ID) or one URL (?url=URL)")
        base = str(request.base_url).rstrip("/")
        if story is not None:
            report = await bounded(corpus.story, need_store(), story)
            sid = report.story.id
            xml = story_feed(
                report,
                link=f"{base}/feed.atom?story={_q(sid)}",
                entry_link=lambda m: f"{base}/story?id={_q(sid)}",
            )
        else:
            xml = history_feed(
                await bounded(corpus.history, need_store(), url), link=f"{base}/feed.atom?url={_q(url)}"
            )
        return Response(xml, media_type="application/atom+xml; charset=utf-8")

    # -- JSON API -----------------------------------------------------------------------------------

    @app.post(
        "/api/compare",
        summary="Compare two versions (the JSON of `storydiff compare --json`)",
        responses=ERRORS,
    )
    async def api_compare(body: CompareIn) -> dict[str, Any]:
        result = await bounded(run_compare, doc_of(body.a, "A"), doc_of(body.b, "B"), body.chunks)
        if body.min_confidence:
            result = result.filtered(body.min_confidence)
        return result.to_dict()

    @app.get(
        "/api/stories",
        summary="Stories with two or more versions (`storydiff stories --json`)",
        responses=ERRORS,
    )
    async def api_stories() -> list[dict[str, Any]]:
        found, titles = await run_in_threadpool(_stories, need_store())
        return [show.story_dict(s, {k: v[0] for k, v in titles.items()}) for s in found]

    @app.get(
        "/api/story",
        summary="One story compared with its likely original (`storydiff story --json`)",
        responses=ERRORS,
    )
    async def api_story(id: Annotated[str, Query(max_length=2000)]) -> dict[str, Any]:
        return show.story_report_dict(await bounded(corpus.story, need_store(), id))

    @app.post(
        "/api/find",
        summary="The versions of a document in the store (`storydiff find --json`)",
        responses=ERRORS,
    )
    async def api_find(body: FindIn) -> list[dict[str, Any]]:
        doc = doc_of(body.text, "query")
        matches = await bounded(lambda: corpus.find(CorpusDoc("query", doc), need_store(), top=body.top))
        return [show.match_dict(m) for m in matches]

    @app.get("/api/health", summary="Liveness")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def _stories(db: Path):
    with corpus.Store(db, read_only=True) as store:
        titles = store.titles()
    return corpus.stories(db), titles


def _threads(db: Path):
    with corpus.Store(db, read_only=True) as store:
        titles = store.titles()
    return corpus.threads(db), titles


def _filter_sort(found, titles, q: str, sort: str):
    q = q.strip().lower()
    rows = [
        s
        for s in found
        if not q
        or q in s.id.lower()
        or any(q in (titles.get(m, (None,))[0] or "").lower() for m in s.members)
    ]
    if sort == "divergence":
        rows.sort(key=lambda s: (-s.divergence, s.id))
    elif sort == "date":
        rows.sort(key=lambda s: (s.earliest is None, s.earliest or "", s.id))
    return rows


async def _input(text: str, upload, name: str, limits: Limits) -> bytes:
    if upload is not None and upload.filename:
        data = await upload.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise InputError(f"version {name}: larger than {limits.max_bytes:,} bytes")
        return data
    if len(text) > limits.max_bytes:
        raise InputError(f"version {name}: larger than {limits.max_bytes:,} bytes")
    if not text.strip():
        raise InputError(f"version {name}: paste a text or choose a file")
    return text.encode("utf-8")


def _q(s: str) -> str:
    from urllib.parse import quote

    return escape(quote(s, safe=""))


_NAV = '<nav><a href="/">compare</a> · <a href="/stories">stories</a> · <a href="/openapi.json">API</a></nav>'


def _error_page(message: str, status: int) -> HTMLResponse:
    return HTMLResponse(_shell("storydiff: error", f'<p class="error">{escape(message)}</p>'), status)


def _shell(title: str, body: str, filters: bool = False) -> str:
    return page(escape(title), _NAV + body, filters)


def _name(upload, fallback: str) -> str:
    """An uploaded file's own name titles its side of the result; pasted text is "A" or "B"."""
    if upload is not None and upload.filename:
        return Path(upload.filename).name[:200]
    return fallback


def _form(
    limits: Limits, has_store: bool, a_text: str = "", b_text: str = "", error: str = "", chunks: bool = False
) -> str:
    note = "" if has_store else " (start with <code>--db FILE</code> to browse a corpus's stories)"
    shown = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    checked = " checked" if chunks else ""
    return f"""<section class="compare-form"><h1>Compare two versions of a story</h1>
<p>Paste or upload plain text or HTML, up to {limits.max_bytes:,} bytes and {limits.max_sentences:,}
sentences each{note}.</p>{shown}
<form method="post" action="/compare" enctype="multipart/form-data">
<div class="pair"><label>Version A<textarea name="a_text" id="a_text" rows="16">{escape(a_text)}</textarea>
<input type="file" name="a_file" accept=".txt,.html,.htm,text/plain,text/html"></label>
<label>Version B<textarea name="b_text" id="b_text" rows="16">{escape(b_text)}</textarea>
<input type="file" name="b_file" accept=".txt,.html,.htm,text/plain,text/html"></label></div>
<label class="option"><input type="checkbox" name="chunks" id="chunks" value="true"{checked}>
also align phrase by phrase (English)</label>
<button type="submit" id="go">Compare</button></form></section>"""


def _version() -> str:
    from storydiff import __version__

    return __version__
