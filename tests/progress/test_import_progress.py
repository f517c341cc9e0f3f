"""A long import shows one progress line on a terminal, and nothing when stderr is piped (issue 16)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gitops_tutor.cli.import_progress import TerminalProgress, approximate, progress_for, progress_line
from gitops_tutor.cli.main import cli
from gitops_tutor.progress import ProgressStore, transfer
from gitops_tutor.progress.transfer import export_data, import_file
from tests.progress.helpers import FakeClock, question, result


class TerminalStream(io.StringIO):
    """What a terminal looks like to the import: a stream that says it is a tty."""

    def isatty(self) -> bool:
        return True


class Ticks:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def final_screen(written: str) -> list[str]:
    """The lines a terminal would show: each carriage return starts the line over."""
    return [line.split("\r")[-1] for line in written.split("\n")]


def test_the_line_is_rewritten_a_few_times_a_second_at_most() -> None:
    stream, ticks = TerminalStream(), Ticks()
    progress = TerminalProgress(stream, clock=ticks)
    progress("attempts", 2_000, 1_000_000)
    assert stream.getvalue() == ""  # a quick import shows nothing
    ticks.now += 0.3
    progress("attempts", 240_000, 1_003_412)
    for done in range(242_000, 260_000, 2_000):  # 0.09 s more in all
        ticks.now += 0.01
        progress("attempts", done, 1_003_412)
    assert stream.getvalue() == "\rimported 240,000 of ~1,000,000 attempts"


def test_it_ends_on_one_clean_line_with_the_totals() -> None:
    stream, ticks = TerminalStream(), Ticks()
    progress = TerminalProgress(stream, clock=ticks)
    ticks.now += 1
    progress("attempts", 240_000, 1_000_000)
    progress("attempts", 1_000_000, 1_000_000)
    ticks.now += 1
    progress("questions", 20, 2_000)
    progress.finish(succeeded=True)
    written = stream.getvalue()
    assert written.endswith("\n") and written.count("\n") == 1
    assert [line.rstrip() for line in final_screen(written)] == [
        "imported 1,000,000 attempts; rescheduled 20 questions",
        "",
    ]
    assert "rescheduling 20 of 2,000 questions" in written


def test_a_failed_import_erases_the_line_for_its_error() -> None:
    stream, ticks = TerminalStream(), Ticks()
    progress = TerminalProgress(stream, clock=ticks)
    ticks.now += 1
    progress("attempts", 240_000, 1_000_000)
    progress.finish(succeeded=False)
    written = stream.getvalue()
    assert "\n" not in written and written.endswith("\r" + " " * 39 + "\r")  # blanked, cursor at its start


def test_a_shorter_text_covers_the_longer_one_before_it() -> None:
    stream, ticks = TerminalStream(), Ticks()
    progress = TerminalProgress(stream, clock=ticks)
    ticks.now += 1
    progress("attempts", 240_000, 1_000_000)
    ticks.now += 1
    progress("attempts", 999, 999)
    assert final_screen(stream.getvalue())[-1].rstrip() == "imported 999 of 999 attempts"
    assert len(final_screen(stream.getvalue())[-1]) == len("imported 240,000 of ~1,000,000 attempts")


@pytest.mark.parametrize(("total", "shown"), [(1_003_412, "~1,000,000"), (247_999, "~250,000"), (57, "~57")])
def test_estimates_show_two_significant_figures(total: int, shown: str) -> None:
    assert approximate(total) == shown


def test_an_interrupted_import_leaves_no_half_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or any error) erases the line, so whatever is printed next starts a clean line."""
    stream, ticks = TerminalStream(), Ticks()
    monkeypatch.setattr("gitops_tutor.cli.import_progress.time.monotonic", ticks)
    with pytest.raises(KeyboardInterrupt), progress_line(stream) as progress:
        assert progress is not None
        ticks.now += 1
        progress("attempts", 240_000, 1_000_000)
        raise KeyboardInterrupt
    assert stream.getvalue().endswith("\r" + " " * 39 + "\r")


def test_no_progress_for_a_pipe_or_a_file() -> None:
    assert progress_for(io.StringIO()) is None
    assert isinstance(progress_for(TerminalStream()), TerminalProgress)


def big_export(store: ProgressStore, clock: FakeClock, attempts: int) -> dict[str, Any]:
    store.record_attempt(question("q0"), "answer", result("q0", 90))
    data = json.loads(json.dumps(export_data(store)))
    template = data["attempts"][0]
    data["attempts"] = [{**template, "uid": f"u{n}", "question_id": f"q{n % 50}"} for n in range(attempts)]
    return data


def test_an_import_reports_reading_then_rescheduling(
    tmp_path: Path, store: ProgressStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transfer, "ATTEMPTS_PER_REPORT", 100)
    path = tmp_path / "history.json"
    path.write_text(json.dumps(big_export(store, clock, 1000), indent=2))
    other = ProgressStore.open(tmp_path / "other.db", clock=clock, fuzz=False)
    heard: list[tuple[str, int, int]] = []
    with path.open("rb") as stream:
        import_file(other, stream, str(path), lambda *event: heard.append(event))
    reading = [event for event in heard if event[0] == "attempts"]
    assert [done for _, done, _ in reading] == [*range(100, 1001, 100), 1000]
    assert all(abs(total - 1000) <= 100 for _, done, total in reading if done >= 200)  # the estimate is close
    assert reading[-1] == ("attempts", 1000, 1000)
    assert [event for event in heard if event[0] == "questions"] == [
        ("questions", 20, 50),
        ("questions", 40, 50),
        ("questions", 50, 50),
    ]


def test_the_command_adds_nothing_to_a_piped_stderr(tmp_path: Path, store: ProgressStore, clock: FakeClock) -> None:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(big_export(store, clock, 3000)))
    outcome = CliRunner().invoke(cli, ["--db", str(tmp_path / "cli.db"), "import", str(path)], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == "" and outcome.stdout.startswith("Imported 3000 new attempts")
