"""Readers: turn files, folders and standard input into Articles.

Bad input never stops a batch: each problem becomes a `Rejection` naming the file (and line for
JSON Lines) and reading goes on with the next input. Callers count rejections for the exit code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import charset_normalizer

from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.model import Article

MAX_CHARS = 2_000_000
# Seconds an article may take to code, once more per BUDGET_CHARS characters (dyadwatch.pipeline.budget).
BUDGET_SECONDS = 60.0
BUDGET_CHARS = 100_000
MAX_BYTES = 4 * MAX_CHARS
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
INPUT_FORMATS = ("auto", "text", "jsonl", "html")
RECORD_FIELDS = ("id", "date", "title", "source", "url")
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")


@dataclass(slots=True, frozen=True)
class Rejection:
    """An input that was skipped, with where it was and why. `ignored`: a file in a folder that is not
    an input at all (announced and counted, but not an error for the exit code)."""

    where: str
    message: str
    ignored: bool = False
    article_id: str | None = None

    @property
    def code(self) -> str:
        """The error code the message opens with (`E040` for "[E040] ...")."""
        return self.message[1:self.message.find("]")] if self.message.startswith("[") else ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Item = Article | Rejection


def read(paths: Iterable[str], *, input_format: str = "auto", default_date: str | None = None,
         title_first_line: bool | None = None) -> Iterator[Item]:
    """Read every path (a file, a folder read recursively, or `-` for standard input).

    `title_first_line` makes line 1 of a text input its title (True), never (False), or when it looks
    like a headline (None: no final full stop and a blank line after it, as BBC files are laid out).
    """
    if input_format not in INPUT_FORMATS:
        raise DyadwatchError(Errors.E007, fmt=input_format)
    for raw in paths:
        if raw == "-":
            yield from _with_default_date(_read_stdin(input_format, title_first_line), default_date)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in walk(path):
                if isinstance(found, Rejection):
                    yield found
                else:
                    yield from _with_default_date(read_file(found, input_format, title_first_line), default_date)
        elif path.exists():
            yield from _with_default_date(read_file(path, input_format, title_first_line), default_date)
        else:
            yield Rejection(str(path), Errors.E010.format())


def walk(folder: Path) -> Iterator[Path | Rejection]:
    """Input files under `folder`, recursively and in name order, following links but never in a loop.

    Everything else is named: unreadable folders and loops as rejections, and files that are not
    inputs as ignored (sidecars of text files excepted: they travel with their text).
    """
    seen: set[tuple[int, int]] = set()

    def visit(here: Path) -> Iterator[Path | Rejection]:
        try:
            info = here.stat()
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as exc:
            yield Rejection(str(here), Errors.E006.format(detail=exc.strerror or str(exc)))
            return
        if (info.st_dev, info.st_ino) in seen:
            yield Rejection(str(here), Errors.E045.format(path=here))
            return
        seen.add((info.st_dev, info.st_ino))
        names = {e.name for e in entries}
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                yield Rejection(str(path), Errors.E006.format(detail=exc.strerror or str(exc)))
                continue
            if is_dir:
                yield from visit(path)
            elif is_input(path):
                yield path
            elif not (path.suffix.lower() == ".json" and any(path.stem + s in names for s in TEXT_SUFFIXES)):
                yield Rejection(str(path), Errors.E044.format(suffix=path.suffix, suffixes=", ".join(
                    sorted(TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES))), ignored=True)

    yield from visit(folder)


def read_file(path: Path, input_format: str = "auto", title_first_line: bool | None = None) -> Iterator[Item]:
    """Read one regular file according to its format (by suffix when `auto`); FIFOs and devices are refused."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield Rejection(str(path), Errors.E043.format(kind=_file_kind(info.st_mode)))
            return
        size = info.st_size
        if size > MAX_BYTES:
            yield Rejection(str(path), Errors.E003.format(size=size, limit=MAX_CHARS))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(str(path), Errors.E006.format(detail=exc.strerror or str(exc)))
        return
    fmt = _format_of(path, input_format)
    yield from _read_bytes(data, fmt, str(path), sidecar=_sidecar(path) if fmt == "text" else None,
                           title_first_line=title_first_line)


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def _read_stdin(input_format: str, title_first_line: bool | None = None) -> Iterator[Item]:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    fmt = input_format if input_format != "auto" else _sniff(data)
    yield from _read_bytes(data, fmt, "<stdin>", sidecar=None, title_first_line=title_first_line)


def _read_bytes(data: bytes, fmt: str, where: str, sidecar: dict[str, Any] | Rejection | None,
                title_first_line: bool | None = None) -> Iterator[Item]:
    try:
        text = decode(data)
    except DyadwatchError as exc:
        yield Rejection(where, str(exc))
        return
    if fmt == "jsonl":
        yield from _read_jsonl(text, where)
    elif fmt == "html":
        yield _one(lambda: _article_from_html(text, where), where)
    else:
        if isinstance(sidecar, Rejection):
            yield sidecar
            return
        meta = dict(sidecar or {})
        title = first_line_title(text, title_first_line)
        if title and not meta.get("title"):
            meta["title"] = title
        yield _one(lambda: make_article(text, meta, origin=where), where)


def first_line_title(text: str, wanted: bool | None) -> str | None:
    """Line 1 of a text as its title: always when `wanted`, never when False, and by default when it
    reads as a headline (no final full stop, a blank line after it, a story after that). The text itself
    is kept whole."""
    if wanted is False:
        return None
    lines = text.replace("\r\n", "\n").lstrip("\ufeff\n").split("\n")
    first = lines[0].strip()
    if not first or len(lines) < 2:
        return None
    if wanted or (not first.endswith(".") and not lines[1].strip() and any(line.strip() for line in lines[2:])):
        return first
    return None


def _one(build: Any, where: str) -> Item:
    try:
        return build()
    except DyadwatchError as exc:
        return Rejection(where, str(exc))
    except RecursionError:
        return Rejection(where, Errors.E004.format(detail="nested too deeply"))


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8, else as the encoding charset-normalizer finds; refuse binary data."""
    if not data.strip():
        raise DyadwatchError(Errors.E002)
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DyadwatchError(Errors.E001)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data)
    if text is None or _control_share(text) > 0.01:
        raise DyadwatchError(Errors.E001)
    return text


def _detect(data: bytes) -> str | None:
    """Best charset-normalizer guess; among equally good guesses, Western European (cp1252) wins,
    since short news texts often fit several single-byte code pages equally well."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    top = min((m.chaos, -m.coherence) for m in matches)
    tied = [m for m in matches if (m.chaos, -m.coherence) == top]
    preferred = [m for m in tied if m.encoding in WESTERN_ENCODINGS]
    return str((preferred or tied)[0])


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(text))


_SURROGATE = re.compile("[\ud800-\udfff]")


def make_article(text: str, meta: dict[str, Any], *, origin: str) -> Article:
    """Build an Article from text and optional metadata, checking size, emptiness, encoding and date."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DyadwatchError(Errors.E002)
    if len(text) > MAX_CHARS:
        raise DyadwatchError(Errors.E003, size=len(text), limit=MAX_CHARS)
    values = {k: meta.get(k) for k in RECORD_FIELDS}
    for key in ("id", "title", "source", "url"):
        if values[key] is not None and not isinstance(values[key], str):
            values[key] = str(values[key])
    for value in (text, *(values[k] for k in ("id", "title", "source", "url"))):
        lone = _SURROGATE.search(value) if value else None
        if lone:
            raise DyadwatchError(Errors.E042, code=ord(lone.group(0)), index=lone.start())
    return Article(
        text=text, id=values["id"] or "", date=parse_date(values["date"]),
        title=values["title"], source=values["source"], url=values["url"], origin=origin,
    )


def parse_date(value: Any) -> str | None:
    """Accept an ISO date or date-time (years 0001-9999) and keep the calendar date; anything else,
    trailing text included, is an error."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?", value):
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value).isoformat()
            return dt.datetime.fromisoformat(value).date().isoformat()
        except ValueError:
            pass
    raise DyadwatchError(Errors.E009, value=value)


def _read_jsonl(text: str, where: str) -> Iterator[Item]:
    """Records are split on "\\n" only: U+2028, U+2029 and U+0085 are valid inside JSON strings."""
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(here, Errors.E004.format(detail=exc.msg))
            continue
        except RecursionError:
            yield Rejection(here, Errors.E004.format(detail="nested too deeply"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Rejection(here, Errors.E005.format())
            continue
        yield _one(lambda r=record, h=here: make_article(r["text"], r, origin=h), here)


def _article_from_html(html: str, where: str) -> Article:
    import trafilatura

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False)
    if not extracted:
        raise DyadwatchError(Errors.E008)
    doc = json.loads(extracted)
    meta = {"title": doc.get("title"), "source": doc.get("sitename") or doc.get("hostname"),
            "url": doc.get("url"), "date": _html_date(doc.get("date"))}
    return make_article(doc.get("text") or "", meta, origin=where)


def _html_date(value: str | None) -> str | None:
    """trafilatura guesses a date when a page has none; keep it only when it is a clean ISO date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _sidecar(path: Path) -> dict[str, Any] | Rejection | None:
    side = path.with_suffix(".json")
    if not side.is_file():
        return None
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Rejection(str(side), Errors.E004.format(detail=str(exc)))
    except RecursionError:
        return Rejection(str(side), Errors.E004.format(detail="nested too deeply"))
    if not isinstance(meta, dict):
        return Rejection(str(side), Errors.E004.format(detail="sidecar must be a JSON object"))
    return meta


def is_input(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES


def _format_of(path: Path, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:512].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def _with_default_date(items: Iterable[Item], default_date: str | None) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Article) and item.date is None and default_date:
            item.date = default_date
        yield item
