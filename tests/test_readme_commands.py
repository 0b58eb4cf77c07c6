"""Every command and Python snippet README.md shows runs as written (in a temporary folder, offline).

Commands that cannot run here are listed in :data:`SKIPPED`, each with its reason; a README command that is
neither run nor listed fails the test, so a new example is either tested or skipped on purpose.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from servers import free_port, wait_until_up

pytestmark = pytest.mark.slow  # the README's commands, servers included

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

#: README commands this test does not run, with the reason.
SKIPPED: dict[str, str] = {
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/crampkg build":
        "the fresh-machine setup: it installs from the package index; tests/test_build*.py run the build itself",
    ".venv/bin/pytest": "the test suite itself",
    "crampkg push http://127.0.0.1:7879/store --graph https://w3id.org/crampkg/graph/asserted":
        "needs a Graph Store Protocol store at that address; the push tests start Oxigraph and push to it",
}

#: ``crampkg serve`` examples run until stopped: each is started on a free port and the ``--endpoint`` example
#: is run against it.
SERVE = "crampkg serve"
ENDPOINT = "--endpoint http://127.0.0.1:7878/sparql"

#: A file a README example names, written into the temporary folder first.
FILES = {"my-question.rq": "SELECT ?drug WHERE { ?drug a <https://w3id.org/crampkg/ontology#Drug> }\n"}


def code_blocks(language: str) -> list[str]:
    """The bodies of README.md's fenced code blocks in ``language``."""
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.S | re.M)


def shell_commands() -> list[str]:
    """Every command line of the README's bash blocks, without its trailing comment."""
    commands = []
    for block in code_blocks("bash"):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command:
                commands.append(command)
    return commands


def offline_commands() -> list[str]:
    return [c for c in shell_commands() if c not in SKIPPED and not c.startswith(SERVE) and ENDPOINT not in c]


def test_every_readme_command_is_run_or_skipped_with_a_reason():
    commands = shell_commands()
    assert set(SKIPPED) <= set(commands), f"skip list names commands the README no longer shows: {set(SKIPPED) - set(commands)}"
    assert any(c.startswith(SERVE) for c in commands) and any(ENDPOINT in c for c in commands)
    assert len(offline_commands()) >= 8, "the README's query examples are found"


def crampkg_argv(command: str) -> list[str]:
    """A README command as the argument vector of ``python -m crampkg``."""
    words = shlex.split(command)
    assert words[0] == "crampkg", f"{command!r} is not a crampkg command; run it here or add it to SKIPPED"
    return words[1:]


@pytest.mark.parametrize("command", offline_commands())
def test_readme_command_runs(command, tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli(*crampkg_argv(command), cwd=tmp_path)
    assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert result.stdout.strip(), f"{command} printed nothing"
    assert "Traceback" not in result.stderr


def test_serve_examples_answer_the_endpoint_example_with_labels(tmp_path):
    endpoint_command = next(c for c in shell_commands() if ENDPOINT in c)
    for serve_command in (c for c in shell_commands() if c.startswith(SERVE)):
        port = free_port()
        argv = crampkg_argv(serve_command)
        argv = [str(port) if word == "7878" else word for word in argv]
        if "--port" not in argv:
            argv += ["--port", str(port)]
        server = subprocess.Popen([sys.executable, "-m", "crampkg", *argv], cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", seconds=120)
            query = crampkg_argv(endpoint_command.replace(":7878/", f":{port}/"))
            result = run_cli(*query, cwd=tmp_path)
        finally:
            server.terminate()
            server.communicate(timeout=30)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert [cell.strip() for cell in lines[0].split(" | ")][:2] == ["method", "methodLabel"]
        labels = {line.split(" | ")[1].strip() for line in lines[2:-1]}
        assert labels == {"CT", "MRT", "Röntgen"}, f"{serve_command}: the label column is {labels}"
        assert lines[-1] == "(3 rows)"


def test_python_snippets_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for block in code_blocks("python"):
        if block.lstrip().startswith("%"):
            continue  # IPython magics: see test_jupyter_snippets_run
        exec(compile(block, "README.md", "exec"), {})


def test_inline_python_calls_run():
    import crampkg
    import crampkg.views.network

    calls = re.findall(r"`(crampkg\.[\w.]+\([^`]*\))`", README)
    assert "crampkg.views.network.to_networkx(crampkg.load())" in calls
    for call in calls:
        eval(call, {"crampkg": crampkg})


def test_jupyter_snippets_run():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    magics = [block for block in code_blocks("python") if block.lstrip().startswith("%")]
    cells = magics + list(re.findall(r"^```\n(%%.*?)^```", README, flags=re.S | re.M))
    assert len(cells) == 2, "the %load_ext and the %%sparql example"
    try:
        for cell in cells:
            outcome = shell.run_cell(cell)
            assert outcome.success, f"{cell!r}: {outcome.error_in_exec or outcome.error_before_exec}"
        causes = shell.user_ns["causes"]
    finally:
        InteractiveShell.clear_instance()
    assert len(causes) > 0 and "causeLabel" in causes.columns, "-o causes keeps the answer as a table"
