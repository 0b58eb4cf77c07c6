"""Benchmarks of crampkg: run ``python -m benchmarks`` (not part of the test suite)."""
