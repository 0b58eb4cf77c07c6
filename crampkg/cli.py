"""The ``crampkg`` command line. Modules are imported inside each command to keep start-up fast."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crampkg.errors import UserError

EXPORT_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", type=Path, default=None, help="folder of article folders (default: the shipped article)")
    parser.add_argument("--ontology", type=Path, default=None, help="folder holding crampkg.ttl (default: the shipped ontology)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="crampkg", description="The article 'Muskelkrampf im Rücken' as a citable OWL/RDF knowledge graph.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="check the sources and write the graph in every format")
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist/)")
    _add_source_options(build)

    validate = commands.add_parser("validate", help="check the curated sources against the article and the ontology")
    _add_source_options(validate)

    export = commands.add_parser("export", help="print the graph in one RDF format")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="turtle")
    export.add_argument("-o", "--output", type=Path, default=None, help="write to FILE instead of standard output")
    _add_source_options(export)

    stats = commands.add_parser("stats", help="count individuals per class, assertions per property, evidence coverage")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_source_options(stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command; user mistakes print a message and return 2, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as error:
        print(f"crampkg {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from crampkg.pipeline import run_build

    written = run_build(args.out, sources_dir=args.sources, ontology_dir=args.ontology)
    for path in written:
        print(path)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from crampkg.build import build_graph
    from crampkg.stats import compute_stats

    result = build_graph(args.sources, args.ontology)
    stats = compute_stats(result.graph)
    print(f"ok: {len(result.articles)} article(s), {stats.entities} entities, {stats.assertions} assertions, every quote found")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from crampkg.build import build_graph, write_atomically
    from crampkg.export import serialize

    data = serialize(build_graph(args.sources, args.ontology).graph, args.format)
    if args.output:
        write_atomically({args.output: data})
    else:
        sys.stdout.buffer.write(data)
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    import json

    from crampkg.build import build_graph
    from crampkg.stats import compute_stats, format_stats

    stats = compute_stats(build_graph(args.sources, args.ontology).graph)
    print(json.dumps(stats.as_dict(), indent=1, ensure_ascii=False) if args.json else format_stats(stats))
    return 0


COMMANDS = {"build": _cmd_build, "validate": _cmd_validate, "export": _cmd_export, "stats": _cmd_stats}
