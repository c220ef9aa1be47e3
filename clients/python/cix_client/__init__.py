"""A small client for the CIX API: GraphQL through the gateway, bulk import over HTTP.

Sends the bearer token and the purpose (``x-cix-purpose``) with every request, turns GraphQL errors into
``CixError`` with the hub's ``code`` and ``path``, and waits as long as ``Retry-After`` says when the hub answers
429 (rate limit) or 503 (not ready), a few times, before giving up.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

__all__ = ["CixClient", "CixError", "GraphQLError"]
__version__ = "1.1.0"


@dataclass(frozen=True)
class GraphQLError:
    """One error of an answer: the hub's machine-readable ``code`` (see docs/integrators.md, "Errors")."""

    message: str
    code: str
    path: tuple[str | int, ...] | None = None
    field: str | None = None
    extensions: dict[str, Any] = dataclass_field(default_factory=dict)


class CixError(Exception):
    """A request the hub refused or answered with errors; ``code`` and ``path`` are those of the first error."""

    def __init__(self, status: int, errors: list[GraphQLError], request_id: str | None = None, retry_after: float | None = None):
        self.status = status
        self.errors = errors
        self.request_id = request_id
        self.retry_after = retry_after
        first = errors[0] if errors else None
        self.code = first.code if first else "UNKNOWN"
        self.path = first.path if first else None
        self.field = first.field if first else None
        where = f" at {'.'.join(str(p) for p in self.path)}" if self.path else ""
        super().__init__(f"{self.code}{where}: {first.message if first else f'HTTP {status}'}")


class CixClient:
    """
    ``url`` is the gateway's GraphQL endpoint (``https://cix.example/graphql``); ``/import`` is found beside it.
    ``token`` is a bearer token, or a function returning a current one (called for every request, so it may refresh).
    """

    def __init__(
        self,
        url: str,
        token: str | Callable[[], str],
        purpose: str | None = None,
        *,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
        timeout: float = 30.0,
    ):
        self.url = url
        self.base_url = url.removesuffix("/").removesuffix("/graphql")
        self._token = token
        self.purpose = purpose
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self._http = httpx.Client(timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CixClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # GraphQL

    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Runs an operation and returns ``data``; any error (even on one field) raises CixError."""
        response = self._send("POST", self.url, json={"query": query, "variables": variables or {}}, headers={"accept": "application/json"})
        body = _json(response)
        errors = _errors(body)
        data = body.get("data") if isinstance(body, dict) else None
        if errors or data is None:
            raise CixError(response.status_code, errors, response.headers.get("x-request-id"), _retry_after(response))
        return data

    def pages(self, query: str, variables: dict[str, Any], connection: str, page_size: int = 100) -> Iterator[list[dict[str, Any]]]:
        """
        Yields the nodes of a connection page by page, following ``pageInfo.endCursor`` while ``hasNextPage``.
        ``query`` takes ``$first`` and ``$after`` and selects ``<connection> { nodes {…} pageInfo { hasNextPage endCursor } }``.
        """
        after: str | None = None
        while True:
            page = self.execute(query, {**variables, "first": page_size, "after": after})[connection]
            yield page["nodes"]
            if not page["pageInfo"]["hasNextPage"]:
                return
            after = page["pageInfo"]["endCursor"]

    # Bulk import

    def start_import(self, kind: str, content: bytes | str, content_type: str, *, dry_run: bool = False) -> dict[str, Any]:
        """POSTs a file to ``/import/<kind>`` (CSV, NDJSON, JSON, XML or XLSX by ``content_type``); returns the job (202)."""
        params = {"dryRun": "true"} if dry_run else {}
        response = self._send("POST", f"{self.base_url}/import/{kind}", content=content, params=params, headers={"content-type": content_type})
        if response.status_code != 202:
            raise CixError(response.status_code, _errors(_json(response)), response.headers.get("x-request-id"), _retry_after(response))
        return _json(response)

    def wait_for_import(self, job_id: str, *, interval: float = 0.5, timeout: float = 600.0) -> dict[str, Any]:
        """Polls ``importJob`` until the job is no longer RUNNING (COMPLETED, FAILED or INTERRUPTED) and returns it."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.execute(IMPORT_JOB, {"id": job_id})["importJob"]
            if job is None:
                raise CixError(200, [GraphQLError(f"import job {job_id} was not found", "NOT_FOUND")])
            if job["status"] != "RUNNING":
                return job
            if time.monotonic() > deadline:
                raise TimeoutError(f"import job {job_id} is still running after {timeout} s")
            time.sleep(interval)

    def import_report(self, job_id: str) -> dict[str, Any]:
        """The job's report.json: rejected rows with their errors, accepted rows with the hub id of each record."""
        response = self._send("GET", f"{self.base_url}/import/jobs/{job_id}/report.json")
        if response.status_code != 200:
            raise CixError(response.status_code, _errors(_json(response)), response.headers.get("x-request-id"), _retry_after(response))
        return _json(response)

    # HTTP

    def _headers(self) -> dict[str, str]:
        token = self._token() if callable(self._token) else self._token
        headers = {"authorization": f"Bearer {token}"}
        if self.purpose:
            headers["x-cix-purpose"] = self.purpose
        return headers

    def _send(self, method: str, url: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        """Sends the request again after Retry-After on 429 and 503, up to ``max_retries`` times."""
        attempt = 0
        while True:
            response = self._http.request(method, url, headers={**self._headers(), **(headers or {})}, **kwargs)
            wait = _retry_after(response) if response.status_code in (429, 503) else None
            if wait is None or wait > self.max_retry_wait or attempt >= self.max_retries:
                return response
            attempt += 1
            time.sleep(wait)


IMPORT_JOB = """query ImportJob($id: ID!) {
  importJob(id: $id) {
    id kind status totalRows accepted rejected flagged errorCount message
    errors(first: 20) { row field code message }
  }
}"""


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        # Not the hub's JSON (a proxy's error page): an error with the HTTP status, never the page itself.
        return {"errors": [{"message": f"HTTP {response.status_code} without a JSON body", "extensions": {"code": "BAD_RESPONSE"}}]}


def _errors(body: Any) -> list[GraphQLError]:
    raw = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(raw, list):
        return []
    errors = []
    for error in raw:
        extensions = error.get("extensions") or {}
        path = error.get("path")
        errors.append(
            GraphQLError(
                message=str(error.get("message", "(no message)")),
                code=str(extensions.get("code", "UNKNOWN")),
                path=tuple(path) if isinstance(path, list) else None,
                field=extensions.get("field") if isinstance(extensions.get("field"), str) else None,
                extensions=extensions,
            )
        )
    return errors
