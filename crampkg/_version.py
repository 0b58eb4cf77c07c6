"""The version of crampkg, written once: the package metadata (pyproject.toml) reads it from here."""

__version__ = "0.1.0"
