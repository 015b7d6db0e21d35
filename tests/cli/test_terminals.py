"""Results go to stdout and the progress bar to stderr, whichever of them is a terminal.

Each case runs the real console script in a child process whose stdout and stderr are pipes
or pseudo-terminals, on a batch big enough to show the bar.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import threading

import pytest

SENTENCES = (
    "The finance minister of Norway visited Warsaw on Monday.",
    "Rebels attacked a police station in the north of the country, officials said.",
    "The two governments signed a trade agreement in Nairobi.",
    "Protesters marched through the capital on Saturday.",
    "The central bank raised its main interest rate.",
)


class Stream:
    """One end of the child's output: a pipe, or a pseudo-terminal read by a thread (a full
    terminal buffer would otherwise stop the child)."""

    def __init__(self, terminal: bool):
        self.terminal, self.chunks = terminal, []
        if terminal:
            self.read_end, self.child_end = pty.openpty()
        else:
            self.read_end, self.child_end = os.pipe()
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.read_end, 65536)
            except OSError:  # EIO: the terminal's last writer closed it
                return
            if not chunk:
                return
            self.chunks.append(chunk)

    def text(self) -> str:
        self.thread.join(timeout=60)
        os.close(self.read_end)
        return b"".join(self.chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def analyses(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[bool, bool], tuple[int, str, str]]:
    """(stdout is a terminal, stderr is a terminal) → exit status, stdout, stderr; the four
    children run side by side."""
    folder = tmp_path_factory.mktemp("batch")
    for n, sentence in enumerate(SENTENCES):
        (folder / f"{n}.txt").write_text(sentence + "\n", encoding="utf-8")
    env = dict(os.environ, COLUMNS="100", TERM="xterm", OPSLENS_STORE="false")
    env.pop("NO_COLOR", None)
    started = {}
    for out_tty in (False, True):
        for err_tty in (False, True):
            out, err = Stream(out_tty), Stream(err_tty)
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "opslens",
                    "analyze",
                    "--format",
                    "jsonl",
                    "--published",
                    "2022-01-23",
                    str(folder),
                ],
                stdin=subprocess.DEVNULL,
                stdout=out.child_end,
                stderr=err.child_end,
                env=env,
            )
            os.close(out.child_end)
            os.close(err.child_end)
            started[out_tty, err_tty] = (child, out, err)
    return {case: (child.wait(timeout=300), out.text(), err.text()) for case, (child, out, err) in started.items()}


@pytest.mark.parametrize("out_tty", [False, True], ids=["stdout-pipe", "stdout-terminal"])
@pytest.mark.parametrize("err_tty", [False, True], ids=["stderr-pipe", "stderr-terminal"])
def test_every_result_goes_to_stdout(runs, out_tty, err_tty):
    code, out, err = runs[out_tty, err_tty]
    assert code == 0, err
    assert [a["article"]["text"].strip() for a in analyses(out)] == list(SENTENCES)
    assert analyses(err) == []


def test_the_bar_shows_on_a_terminal_stderr_while_results_go_to_a_file(runs):
    _, out, err = runs[False, True]
    assert "analysing" in err and "5/5" in err
    assert "analysing" not in out


def test_no_bar_between_results_on_a_terminal(runs):
    for err_tty in (False, True):
        assert "analysing" not in runs[True, err_tty][2]
