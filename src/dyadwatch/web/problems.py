"""The web app's one error shape: `{"error": {"status", "code", "message"}}` for every 4xx and 5xx.

Codes are the library's (`E009` invalid date, `E012` unknown article, `E013` invalid value) where one
applies; the rest name HTTP-level conditions that only the server has.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class WebErrors(Enum):
    W001 = (404, "no such page or resource: {path}")
    W002 = (413, "request body too large: the limit is {limit:,} bytes")
    W003 = (403, "ingest over HTTP is off; start the server with `dyadwatch serve --allow-ingest --token T`")
    W004 = (401, "missing or wrong token; send the header `Authorization: Bearer <token>`")
    W005 = (503, "the store is locked by another process (an ingest is writing); try again when it finishes")
    W006 = (503, "relation states are not available in this build (module {module} is missing)")
    W007 = (405, "method {method} is not allowed here")
    W008 = (415, "send the body as application/json")


class WebError(Exception):
    """An error answered with its status and the one JSON shape (or the HTML error page)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    @classmethod
    def of(cls, error: WebErrors, **kwargs: Any) -> WebError:
        status, template = error.value
        return cls(status, error.name, f"[{error.name}] {template.format(**kwargs)}")

    def body(self) -> dict[str, Any]:
        return {"error": {"status": self.status, "code": self.code, "message": self.message}}


def invalid(field: str, value: object, detail: str) -> WebError:
    """A 400 for a parameter the user can fix, worded like the CLI's E013."""
    from dyadwatch.errors import Errors

    return WebError(400, "E013", Errors.E013.format(field=field, value=value, detail=detail))
