"""The IPython ``%%sparql`` magic: run a named query or SPARQL text on the graph and show a pandas DataFrame.

Load it with ``%load_ext crampkg``, then::

    %%sparql --lang en -o causes
    causes-of-back-cramps

or with SPARQL text in the cell (``?lang`` is bound by ``--lang``)::

    %%sparql --lang en
    PREFIX cramp: <https://w3id.org/crampkg/ontology#>
    SELECT ?x ?label WHERE { ?x a cramp:MineralDeficiency ; rdfs:label ?label FILTER(lang(?label) = ?lang) }

The line form ``%sparql -o df causes-of-back-cramps`` runs a named query without a cell. Parameters are bound as
typed terms (``-p exercise=dehnung-des-rueckens``), never pasted into the query text. ``--reasoning`` chooses
what the article states (``asserted``), what OWL 2 RL infers (``inferred``) or both (``all``, the default);
``-g VAR`` queries the rdflib graph in a variable instead; ``--backend`` is ``oxigraph`` (the default) or ``rdflib``.
"""
from __future__ import annotations

from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from crampkg.errors import UserError


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as a dict; a pair without ``=`` is a usage error."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-p {pair!r} must look like NAME=VALUE")
        params[name.strip()] = value
    return params


@magics_class
class SparqlMagics(Magics):
    """The ``%sparql`` line magic and ``%%sparql`` cell magic."""

    @magic_arguments()
    @argument("query", nargs="*", help="a named query (see 'crampkg queries') or a .rq path; in a cell, the cell holds the query")
    @argument("--lang", choices=("de", "en"), default=None, help="language of the labels: binds ?lang")
    @argument("-o", "--output", metavar="VAR", default=None, help="also store the DataFrame in the variable VAR")
    @argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    @argument("-g", "--graph", metavar="VAR", default=None,
              help="query the rdflib graph in variable VAR instead of crampkg.load()")
    @argument("--reasoning", choices=("asserted", "inferred", "all"), default="all",
              help="what the article states, what OWL 2 RL infers from it, or both (default; ignored with -g)")
    @argument("--backend", default="oxigraph", help="the embedded SPARQL engine: oxigraph (default) or rdflib")
    @line_cell_magic
    def sparql(self, line: str, cell: str | None = None) -> Any:
        """Run a crampkg query and return its answer as a pandas DataFrame."""
        args = parse_argstring(self.sparql, line)
        from crampkg.sparql.backends import BACKENDS

        if args.backend not in BACKENDS:
            raise UsageError(f"--backend {args.backend!r} is not available; use one of: {', '.join(BACKENDS)}")
        if args.output is not None and not args.output.isidentifier():
            raise UsageError(f"-o needs a Python variable name, not {args.output!r}")
        text = self._query_text(args.query, cell)
        params = parse_params(args.param)
        if args.lang:
            params["lang"] = args.lang
        graph = self._graph(args.graph)
        from crampkg.store import query

        try:
            frame = query(text, graph, None, None, args.backend, args.reasoning, **params).to_dataframe()
        except UserError as error:
            raise UsageError(str(error)) from None
        if args.output:
            self._namespace()[args.output] = frame
        return frame

    def _namespace(self) -> dict[str, Any]:
        """The variables of the IPython session the magic is registered in."""
        if self.shell is None:
            raise UsageError("the %sparql magic runs only inside an IPython session")
        return self.shell.user_ns

    @staticmethod
    def _query_text(words: list[str], cell: str | None) -> str:
        if cell is not None and cell.strip():
            if words:
                raise UsageError("give the query either on the magic's line or in the cell, not both")
            return cell.strip()
        if not words:
            raise UsageError("no query: name one (see 'crampkg queries') or write SPARQL in the cell")
        return " ".join(words)

    def _graph(self, name: str | None):
        if name is None:
            return None
        from rdflib import Graph

        value = self._namespace().get(name)
        if not isinstance(value, Graph):
            raise UsageError(f"-g {name}: no rdflib graph in a variable called {name!r}")
        return value


def load_ipython_extension(ipython) -> None:
    """Register ``%sparql``/``%%sparql`` with IPython (called by ``%load_ext crampkg``)."""
    ipython.register_magics(SparqlMagics)
