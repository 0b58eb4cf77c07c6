"""Every limit on input the command line and the library apply, with its default, in one place.

SECURITY.md ("Curated input, cache, CLI and push") explains why each exists; options that change them are named beside each.
"""
from __future__ import annotations

MAX_YAML_BYTES = 2 * 1024 * 1024
"""The largest curated YAML file read (the largest shipped one is about 35 KB)."""

MAX_TEXT_BYTES = 16 * 1024 * 1024
"""The largest article text or ontology Turtle file read."""

MAX_QUERY_BYTES = 1024 * 1024
"""The largest ``.rq`` query file read."""

QUERY_TIMEOUT = 60.0
"""Seconds ``crampkg query`` lets a query run, embedded or remote (``--timeout``)."""

PUSH_TIMEOUT = 120.0
"""Seconds ``crampkg push`` may take for the upload and the count-back together (``--timeout``)."""

MAX_REPLY_BYTES = 64 * 1024 * 1024
"""The largest reply read from a remote store or endpoint (``push --max-bytes``)."""

MAX_SHRINK = 0.10
"""The largest fraction of triples a build may lose against the previous build in its output folder (``--allow-shrink``)."""
