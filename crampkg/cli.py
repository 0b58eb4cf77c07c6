"""The ``crampkg`` command line. Modules are imported inside each command to keep start-up fast."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crampkg import limits
from crampkg._version import __version__
from crampkg.errors import UserError


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", type=Path, default=None, help="folder of article folders (default: the shipped article)")
    parser.add_argument("--ontology", type=Path, default=None, help="folder holding crampkg.ttl (default: the shipped ontology)")


def _add_import_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--follow-import", action="append", default=[], metavar="IRI",
                        help="let the reasoner load this owl:imports target (repeatable; by default no import is ever followed)")


def _seconds(text: str) -> float:
    """An argparse type: a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds above 0")
    return value


def _columns(text: str) -> int:
    """An argparse type: a table width of at least 20 columns."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of columns") from None
    if value < 20:
        raise argparse.ArgumentTypeError(f"{text!r}: give a width of 20 columns or more")
    return value


def _table_width(requested: int | None) -> int | None:
    """The width tables are fitted into: ``--width``, else the terminal's, else none (piped output is never cut)."""
    if requested is not None:
        return requested
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _figure_formats(text: str) -> tuple[str, ...]:
    """An argparse type: a comma-separated list of figure formats (png, svg, pdf)."""
    formats = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in ("png", "svg", "pdf")]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"{text!r}: give png, svg or pdf, comma-separated (e.g. png,svg)")
    return formats


def _byte_count(text: str) -> int:
    """An argparse type: a positive whole number of bytes."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of bytes") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of bytes above 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="crampkg", description="The article 'Muskelkrampf im Rücken' as a citable OWL/RDF knowledge graph.")
    parser.add_argument("--version", action="version", version=f"crampkg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="check the sources and write the graph in every format")
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist/)")
    build.add_argument("--allow-shrink", action="store_true",
                       help=f"write even when a section's facts vanish or the graph shrinks by more than {limits.MAX_SHRINK * 100:.0f}%% against the previous build in --out")
    _add_source_options(build)
    _add_import_option(build)

    validate = commands.add_parser("validate", help="check the curated sources against the article and the ontology")
    _add_source_options(validate)

    from crampkg.render.exports import ALIASES, EXPORT_FORMATS

    export = commands.add_parser("export", help="print the graph in one format: RDF, a dataset, a property graph or a table")
    export.add_argument("--format", default="turtle", metavar="FORMAT",
                        help=f"{'|'.join(EXPORT_FORMATS)} (default turtle; also {', '.join(ALIASES)})")
    export.add_argument("--lang", choices=("de", "en"), default="de", help="language of the labels in graphml, gexf, tables and kgx (default de)")
    export.add_argument("-o", "--output", type=Path, default=None, help="write to FILE instead of standard output")
    _add_source_options(export)

    query = commands.add_parser("query", help="run a named query, a .rq file or SPARQL text")
    query.add_argument("query", help="a named query (see 'crampkg queries'), a path to a .rq file, or SPARQL text")
    query.add_argument("--format", default=None,
                       help="table|csv|tsv|json|xml for SELECT/ASK (default table); turtle|ntriples|jsonld for CONSTRUCT/DESCRIBE (default turtle)")
    query.add_argument("--lang", choices=("de", "en"), default=None, help="language of the labels (default de)")
    query.add_argument("--width", type=_columns, default=None, metavar="N",
                       help="fit --format table into N columns (default: the terminal's width; when the output is piped "
                            "or redirected, no cell is shortened)")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="bind a query parameter (repeatable)")
    query.add_argument("--backend", choices=("rdflib", "oxigraph"), default="oxigraph", help="the embedded SPARQL engine (default oxigraph)")
    query.add_argument("--reasoning", choices=("asserted", "inferred", "all"), default="all",
                       help="query what the article states, what OWL 2 RL infers from it, or both (default all)")
    query.add_argument("--article", default=None, metavar="ID",
                       help="query only what this article states (its id, as in its article.yaml; default: every article)")
    _add_source_options(query)

    query.add_argument("--endpoint", default=None, metavar="URL", help="run the query at this remote SPARQL endpoint instead")
    query.add_argument("--timeout", type=_seconds, default=limits.QUERY_TIMEOUT, metavar="SECONDS",
                       help=f"stop the query after this many seconds (default {limits.QUERY_TIMEOUT:g})")

    commands.add_parser("queries", help="list the named queries with their titles")

    serve = commands.add_parser("serve", help="a read-only SPARQL 1.1 endpoint over the graph")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    serve.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run before it is stopped (default 10)")
    serve.add_argument("--max-bytes", type=int, default=64 * 1024 * 1024, help="largest answer in bytes (default 64 MiB)")
    serve.add_argument("--workers", type=int, default=4,
                       help="query worker processes (default 4); at most half of them run queries longer than 0.5 s")
    serve.add_argument("--connection-timeout", type=float, default=30.0,
                       help="seconds a connection may stay silent (not sending, not reading) before it is closed (default 30)")
    serve.add_argument("--cors", default=None, metavar="ORIGIN",
                       help="let web pages of this one origin (e.g. http://localhost:8888) call the endpoint (default: none)")
    serve.add_argument("--reasoning", choices=("asserted", "inferred", "all"), default="all")
    _add_source_options(serve)

    push = commands.add_parser("push", help="upload the graph to a triple store (SPARQL 1.1 Graph Store Protocol, PUT)")
    push.add_argument("url", help="the store's Graph Store Protocol address, e.g. http://127.0.0.1:7879/store")
    push.add_argument("--graph", default="https://w3id.org/crampkg/graph/asserted", help="named graph IRI to replace")
    push.add_argument("--reasoning", choices=("asserted", "inferred", "all"), default="asserted")
    push.add_argument("--user", default=None, help="HTTP Basic user (password from --password or $CRAMPKG_PASSWORD)")
    push.add_argument("--password", default=None, help="HTTP Basic password (prefer $CRAMPKG_PASSWORD)")
    push.add_argument("--timeout", type=_seconds, default=limits.PUSH_TIMEOUT, metavar="SECONDS",
                      help=f"give up when the upload and the count-back together take longer (default {limits.PUSH_TIMEOUT:g})")
    push.add_argument("--max-bytes", type=_byte_count, default=limits.MAX_REPLY_BYTES, metavar="BYTES",
                      help=f"largest reply read from the store (default {limits.MAX_REPLY_BYTES // 2**20} MiB)")
    _add_source_options(push)

    check = commands.add_parser("check", help="the quality report: sentence coverage, HermiT consistency, SHACL shapes, ERROR/WARN/INFO checks")
    _add_source_options(check)
    _add_import_option(check)

    figures = commands.add_parser("figures", help="draw the ontology overview and the back-cramp network as PNG, SVG and PDF")
    figures.add_argument("--out", type=Path, default=Path("dist/figures"), help="output folder (default: dist/figures)")
    figures.add_argument("--lang", choices=("de", "en"), default="en",
                         help="language of every text: labels, titles, headings, legends, axis labels (default en)")
    figures.add_argument("--format", type=_figure_formats, default=("png", "svg", "pdf"), metavar="LIST",
                         help="comma-separated formats among png,svg,pdf (default: all three)")
    _add_source_options(figures)

    docs = commands.add_parser("docs", help="write an HTML page of every class and property of the ontology")
    docs.add_argument("--out", type=Path, default=Path("dist/docs"), help="output folder (default: dist/docs)")
    _add_source_options(docs)

    site = commands.add_parser("site", help="write the entity and ontology pages as a static site with w3id redirect rules")
    site.add_argument("--out", type=Path, required=True, help="output folder")
    site.add_argument("--base-url", help="where the site will be published (absolute URL); the .htaccess redirects "
                                         "the IRIs there (without it, the rules rewrite inside the site's folder)")
    _add_source_options(site)

    stats = commands.add_parser("stats", help="count individuals per class, assertions per property, evidence coverage")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_source_options(stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command; user mistakes print a message and return 2, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        check_paths(args)
        return COMMANDS[args.command](args)
    except UserError as error:
        print(f"crampkg {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(f"crampkg {args.command}: interrupted; nothing was written", file=sys.stderr)
        return 130


def check_paths(args: argparse.Namespace) -> None:
    """Refuse folders and files given in the wrong place before any work starts (no traceback, nothing written)."""
    for option, path in (("--sources", getattr(args, "sources", None)), ("--ontology", getattr(args, "ontology", None))):
        if path is not None and not Path(path).is_dir():
            state = "is a file" if Path(path).exists() else "does not exist"
            raise UserError(f"{option} {path}: {state}; name a folder ({option} takes the folder, not a file in it)")
    ontology = getattr(args, "ontology", None)
    if ontology is not None and not (Path(ontology) / "crampkg.ttl").is_file():
        raise UserError(f"--ontology {ontology}: holds no crampkg.ttl; name the folder that holds crampkg.ttl and shapes.ttl")
    out = getattr(args, "out", None)
    if out is not None:
        _check_writable_folder("--out", Path(out))
    output = getattr(args, "output", None)
    if output is not None:
        if Path(output).is_dir():
            raise UserError(f"-o/--output {output}: is a folder; name a file to write")
        _check_writable_folder("-o/--output", Path(output).parent)


def _check_writable_folder(option: str, folder: Path) -> None:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UserError(f"{option} {folder}: {existing} is a file, not a folder; name a folder to write into")
    import os

    if not os.access(existing, os.W_OK | os.X_OK):
        raise UserError(f"{option} {folder}: {existing} is not writable; choose a folder you may write to")


def _cmd_build(args: argparse.Namespace) -> int:
    from crampkg.build.artefacts import run_build

    written, result = run_build(args.out, sources_dir=args.sources, ontology_dir=args.ontology, allow_shrink=args.allow_shrink,
                                follow_imports=tuple(args.follow_import))
    for path in written:
        print(path)
    stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in result.timings.items())
    print(f"consistent (HermiT), shapes conform (SHACL), no ERROR in the quality checks; {len(result.inferred or [])} inferred triples",
          file=sys.stderr)
    print(f"stages: {stages}", file=sys.stderr)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from crampkg.build.graph import build_graph
    from crampkg.views.stats import compute_stats

    result = build_graph(args.sources, args.ontology)
    stats = compute_stats(result.graph)
    print(f"ok: {len(result.articles)} article(s), {stats.entities} entities, {stats.assertions} assertions, every quote found")
    for coverage in result.coverage:
        print(f"sentence coverage: {coverage.summary()}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from crampkg.rdfio import write_atomically
    from crampkg.render.exports import export_files, export_format

    files = export_files(export_format(args.format), args.output, args.sources, args.ontology, args.lang)
    if None in files:
        sys.stdout.buffer.write(files[None])
    else:
        write_atomically({path: data for path, data in files.items() if path is not None})
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    import json

    from crampkg.build.graph import build_graph
    from crampkg.views.stats import compute_stats, format_stats

    stats = compute_stats(build_graph(args.sources, args.ontology).graph)
    print(json.dumps(stats.as_dict(), indent=1, ensure_ascii=False) if args.json else format_stats(stats))
    return 0


def _parse_params(pairs: list[str], lang: str | None) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UserError(f"--param {pair!r} must look like NAME=VALUE")
        params[name.strip()] = value
    if lang:
        params["lang"] = lang
    return params


def _cmd_query(args: argparse.Namespace) -> int:
    from crampkg.sparql.deadline import run_with_deadline
    from crampkg.sparql.engine import bindings_for, resolve
    from crampkg.sparql.results import render
    from crampkg.store import backend

    params = _parse_params(args.param, args.lang)
    if args.endpoint:
        return _query_remote(args, params)
    text, named = resolve(args.query)
    bindings = bindings_for(named, params)
    engine = backend(args.backend, args.sources, args.ontology, args.reasoning, args.article)  # loaded before the clock starts

    def answer() -> str:
        result = engine.query(text, bindings)
        return render(result, args.format or ("turtle" if result.graph is not None else "table"), _table_width(args.width))

    sys.stdout.write(run_with_deadline(answer, args.timeout))
    return 0


def _query_remote(args: argparse.Namespace, params: dict[str, str]) -> int:
    from crampkg.sparql.engine import resolve
    from crampkg.sparql.remote import Credentials, query_endpoint
    from crampkg.sparql.results import render

    text, _named = resolve(args.query)
    if params:
        raise UserError("--param is not sent to remote endpoints; put the values in the query")
    if args.article:
        raise UserError("--article scopes the embedded graph only; a remote endpoint holds its own graph")
    result = query_endpoint(args.endpoint, text, Credentials.from_options(None, None), timeout=args.timeout)
    fmt = args.format or ("turtle" if result.graph is not None else "table")
    sys.stdout.write(render(result, fmt, _table_width(args.width)))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from crampkg.endpoint.server import Settings, serve

    settings = Settings(timeout=args.timeout, max_bytes=args.max_bytes, workers=args.workers,
                        connection_timeout=args.connection_timeout, cors=args.cors)
    serve(args.host, args.port, settings, args.reasoning, args.sources, args.ontology)
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    from crampkg.sparql.remote import Credentials, push
    from crampkg.store import load

    graph = load(args.sources, args.ontology, args.reasoning)
    count = push(graph, args.url, args.graph, Credentials.from_options(args.user, args.password), timeout=args.timeout,
                 max_bytes=args.max_bytes)
    print(f"pushed {count} triples to {args.url} (graph <{args.graph}>), counted back: {count}")
    return 0


def _cmd_figures(args: argparse.Namespace) -> int:
    from crampkg.render.figures import write_figures
    from crampkg.store import load

    for path in write_figures(args.out, graph=load(args.sources, args.ontology, reasoning="asserted"), lang=args.lang,
                              formats=args.format):
        print(path)
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from crampkg.render.ontology_page import write_docs
    from crampkg.store import load

    print(write_docs(args.out, graph=load(args.sources, args.ontology, reasoning="asserted")))
    return 0


def _cmd_site(args: argparse.Namespace) -> int:
    from crampkg.build.void import ASSERTED_GRAPH, INFERRED_GRAPH
    from crampkg.endpoint.dataset import load_linked_data
    from crampkg.render.pages_site import site_files, write_site

    if args.base_url is not None and not args.base_url.startswith(("https://", "http://")):
        raise UserError(f"--base-url {args.base_url!r} is not an absolute http(s) URL; give one such as https://HOST/PATH")
    linked = load_linked_data("all", args.sources, args.ontology)
    asserted, inferred = linked.graphs[ASSERTED_GRAPH], linked.graphs[INFERRED_GRAPH]
    files = site_files(asserted, inferred, linked.union(), linked.ontology, linked.articles, linked.void(""),
                       args.base_url)
    written = write_site(args.out, files)
    print(f"{len(written)} files in {args.out} (open {args.out / 'index.html'})")
    return 0


def _cmd_queries(args: argparse.Namespace) -> int:
    from crampkg.sparql.catalog import named_queries

    catalog = named_queries()
    width = max(len(name) for name in catalog)
    for name, named in catalog.items():
        print(f"{name:<{width}}  {named.title}" + (f"  (article {named.article})" if named.article else ""))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from crampkg.build import checks as quality, reasoning, shacl
    from crampkg.build.graph import build_graph, reasoner_view

    result = build_graph(args.sources, args.ontology)
    for coverage in result.coverage:
        print(f"Sentence coverage: {coverage.summary()}")
    report = reasoning.hermit_check(reasoner_view(result.graph, tuple(args.follow_import)))
    print("HermiT: consistent" if report.consistent else "HermiT: INCONSISTENT")
    for iri in report.unsatisfiable:
        print(f"ERROR unsatisfiable class {iri}")
    violations = shacl.validate(result.graph, shacl.load_shapes(args.ontology))
    print(f"SHACL: {len(violations)} violation(s)")
    for violation in violations:
        print(f"ERROR shacl {violation}")
    findings = quality.run_checks(result.graph, fast=True)
    print(quality.format_report(findings))
    failed = not report.ok or violations or any(f.level == "ERROR" for f in findings)
    return 1 if failed else 0


COMMANDS = {"check": _cmd_check, "build": _cmd_build, "validate": _cmd_validate, "export": _cmd_export, "stats": _cmd_stats,
            "query": _cmd_query, "queries": _cmd_queries, "serve": _cmd_serve, "push": _cmd_push,
            "figures": _cmd_figures, "docs": _cmd_docs, "site": _cmd_site}
