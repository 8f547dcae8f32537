"""Every user-facing error in one place, each with a short code and what to do about it."""

from __future__ import annotations

from enum import Enum


class Errors(Enum):
    E001 = "binary file (NUL bytes or undecodable); give a text, JSON Lines or HTML file"
    E002 = "empty input: no text to code"
    E003 = "input too large: {size:,} characters, the limit is {limit:,}; split it into smaller articles"
    E004 = "malformed JSON: {detail}"
    E005 = "JSON record has no 'text' string; each line needs {{\"text\": ...}}"
    E006 = "cannot read file: {detail}"
    E007 = "unknown input format {fmt!r}; use auto, text, jsonl or html"
    E008 = "no main text found in HTML page"
    E009 = "invalid date {value!r}; use YYYY-MM-DD (date filters also take YYYY or YYYY-MM)"
    E010 = "path does not exist"
    E011 = "store {path} was written by a newer dyadwatch (schema {found}, this one knows {known})"
    E012 = "article {article_id!r} not found in the store"
    E013 = "invalid {field} {value!r}: {detail}"
    E014 = ("store {path} does not exist; check --db (or $DYADWATCH_DB), or create it with `dyadwatch ingest` "
            "or `dyadwatch import`")
    E015 = ("unknown {field} {value!r}{hint}; give a country or organization name (France, United Nations), "
            "an ISO3 country (FRA) or an actor code (FRAMIL)")
    E016 = "no shared data folder found ({detail}); pass --shared DIR or set $DYADWATCH_SHARED"
    # Distributed ingest and formats (issue 8).
    E030 = "partition {part} failed on the cluster ({detail}); its articles were not stored: rerun to retry them"
    E031 = "malformed {fmt} row: {detail}; the row was skipped"
    E032 = "CAMEO code {code!r} is not in our CAMEO table, so the row was not imported; check the code"
    E033 = "cannot read {fmt} file: {detail}"
    E034 = "cannot reach the Dask scheduler {address}: {detail}"

    # Reliability (issue 16): one bad article is rejected alone and the batch goes on.
    E040 = ("article {article_id} failed ({exc_class}: {detail}); it was skipped and the batch went on "
            "(--debug prints the traceback; please report it)")
    E041 = "article {article_id} spent its time budget of {seconds:g} s; it was skipped (split it or raise the budget)"
    E042 = "text holds a lone surrogate (U+{code:04X}) at character {index}; fix the record's encoding"
    E043 = "not a regular file ({kind}); give files, folders or - for standard input"
    E044 = "skipped: not an input file (suffix {suffix!r}); dyadwatch reads {suffixes}"
    E045 = "folder loop: {path} leads back to a folder already read; it was skipped"
    E046 = "article {article_id}: invalid {what} {value!r}; dates must be YYYY[-MM[-DD]] within 0001-9999"
    E047 = ("the store {path} is being written by another dyadwatch process, PID {pid}; "
            "try again when it finishes")
    E048 = ("store {path} has schema {found} and this dyadwatch needs {known}, but it cannot upgrade it here "
            "({detail}); run the command again as a user who may write the file: it upgrades the store first")

    def format(self, **kwargs: object) -> str:
        return f"[{self.name}] {self.value.format(**kwargs)}"


class DyadwatchError(Exception):
    """An error the user can act on; its message starts with the error code."""

    def __init__(self, error: Errors, **kwargs: object) -> None:
        self.code = error.name
        super().__init__(error.format(**kwargs))
