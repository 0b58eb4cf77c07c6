"""Run the notebooks top to bottom and, with ``--write``, save them with their outputs.

    .venv/bin/python notebooks/execute.py            # run every notebook, fail on the first error
    .venv/bin/python notebooks/execute.py --write    # ... and store the outputs in the .ipynb files

Notebooks run in the kernel ``python3`` of the interpreter that runs this script (ipykernel installed in the venv
provides it; jupyter_client starts it with this very interpreter), in the notebooks folder.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent
KERNEL = "python3"


def notebook_paths() -> list[Path]:
    """The notebooks of this folder, in reading order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def run(notebook: nbformat.NotebookNode, folder: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run every cell of ``notebook`` in ``folder`` (filling in its outputs); a cell that raises raises ``CellExecutionError``."""
    client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return notebook


def execute(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """The notebook at ``path`` after running every cell in its folder."""
    return run(nbformat.read(path, as_version=4), path.parent, timeout)


#: What may differ between two runs of the same notebook, and what it is replaced by before outputs are compared.
VOLATILE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"0x[0-9a-fA-F]+"), "0x…"),                                          # memory addresses
    (re.compile(r"\d+(?:[.,]\d+)?\s*(?:ns|µs|us|ms|s|sec|seconds|min)\b"), "<time>"),   # timings
    (re.compile(r"\d+(?:[.,]\d+)?\s*(?:B|kB|KB|KiB|MB|MiB|GB|GiB)\b"), "<size>"),      # memory and file sizes
    (re.compile(r"(?:/[\w.@+-]+)+/"), "<path>/"),                                       # absolute folders
)


def normalised(text: str) -> str:
    """``text`` with timings, sizes, absolute paths and memory addresses replaced by placeholders."""
    for pattern, placeholder in VOLATILE:
        text = pattern.sub(placeholder, text)
    return text


def text_outputs(notebook: nbformat.NotebookNode) -> list[list[str]]:
    """Per code cell, its text outputs (streams, plain-text results, error names), normalised for comparison;
    images are left out (the figure tests check the drawings)."""
    cells = []
    for cell in (c for c in notebook.cells if c.cell_type == "code"):
        texts: list[str] = []
        streamed: list[int] = []  # the indices of texts that came from streams
        for output in cell.outputs:
            if output.output_type == "stream":  # the kernel may split one print into pieces: join a run of them
                previous_is_stream = bool(texts) and streamed and streamed[-1] == len(texts) - 1
                if previous_is_stream:
                    texts[-1] += output.text
                else:
                    texts.append(output.text)
                streamed.append(len(texts) - 1)
            elif output.output_type in ("execute_result", "display_data") and "text/plain" in output.data:
                texts.append(output.data["text/plain"])
            elif output.output_type == "error":
                texts.append(output.ename)
        cells.append([normalised(text) for text in texts])
    return cells


def main(argv: list[str] | None = None) -> int:
    """Run the notebooks named on the command line (default: all), optionally writing their outputs back."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: every NN-*.ipynb here)")
    parser.add_argument("--write", action="store_true", help="save each notebook with its outputs")
    args = parser.parse_args(argv)
    for path in args.notebooks or notebook_paths():
        notebook = execute(path)
        if args.write:
            nbformat.write(notebook, path)
        print(f"ok  {path.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
