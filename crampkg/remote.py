"""Talk to other triple stores over HTTP: push the graph (SPARQL 1.1 Graph Store Protocol) and query an endpoint.

Only the URL the user names is contacted.
"""
from __future__ import annotations

import base64
import io
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import Graph

from crampkg.errors import UserError
from crampkg.querying import QueryResult, query_form


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic user and password, or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    @classmethod
    def from_options(cls, user: str | None, password: str | None) -> "Credentials":
        """From ``--user``/``--password``, else ``$CRAMPKG_PASSWORD``, else a token in ``$CRAMPKG_TOKEN``."""
        return cls(user, password or os.environ.get("CRAMPKG_PASSWORD"), os.environ.get("CRAMPKG_TOKEN"))

    def headers(self) -> dict[str, str]:
        if self.user is not None:
            secret = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            return {"Authorization": f"Basic {secret}"}
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        return {}


def _request(url: str, method: str, body: bytes | None, headers: dict[str, str], timeout: float) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user named the URL
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", errors="replace").strip()[:500]
        raise UserError(f"{method} {url} answered HTTP {error.code}: {detail or error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        raise UserError(f"cannot reach {url}: {getattr(error, 'reason', error)}") from None


def graph_url(store_url: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol address of a named graph (or of the default graph)."""
    separator = "&" if "?" in store_url else "?"
    if graph_iri:
        return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
    return f"{store_url}{separator}default"


def push(graph: Graph, store_url: str, graph_iri: str | None, credentials: Credentials, timeout: float = 60) -> int:
    """Replace the named graph at ``store_url`` with ``graph`` (HTTP PUT), then count its triples back.

    Returns the number of triples the store holds in that graph; raises when it differs from ``len(graph)``.
    """
    url = graph_url(store_url, graph_iri)
    body = graph.serialize(format="nt", encoding="utf-8")
    headers = {"Content-Type": "application/n-triples", **credentials.headers()}
    _request(url, "PUT", body, headers, timeout)
    _, data, _ = _request(url, "GET", None, {"Accept": "application/n-triples", **credentials.headers()}, timeout)
    stored = Graph().parse(data=data, format="nt")
    if len(stored) != len(graph):
        raise UserError(f"pushed {len(graph)} triples to {url}, but the store holds {len(stored)}")
    return len(stored)


def query_endpoint(url: str, text: str, credentials: Credentials | None = None, timeout: float = 60) -> QueryResult:
    """Run a query at a remote SPARQL 1.1 endpoint and read the answer into a :class:`QueryResult`."""
    form = query_form(text)  # a syntax error is reported here, before anything is sent
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples, text/turtle;q=0.9" if graph_form else "application/sparql-results+json"
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded", **(credentials or Credentials()).headers()}
    _, data, content_type = _request(url, "POST", urllib.parse.urlencode({"query": text}).encode(), headers, timeout)
    if graph_form:
        parsed = Graph().parse(data=data, format="turtle" if "turtle" in content_type else "nt")
        return QueryResult(kind=form, graph=parsed)
    return result_from_json(data)


def result_from_json(data: bytes) -> QueryResult:
    """A :class:`QueryResult` from SPARQL 1.1 Query Results JSON."""
    from rdflib.query import Result

    result = Result.parse(io.BytesIO(data), format="json")
    if result.type == "ASK":
        return QueryResult(kind="ASK", boolean=bool(result.askAnswer))
    variables = [str(v) for v in result.vars]
    return QueryResult(kind="SELECT", variables=variables, rows=[tuple(row.get(v) for v in result.vars) for row in result.bindings])
