"""The CLI envelope: usage, bad JSON, unknown method, exit codes and the `error: <path>: <message>` lines."""

import io
import json
import subprocess
import sys

import pytest

from tepat.engine.cases import main


def run_cli(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, lambda: stdin, lambda t: print(t, file=out), lambda t: print(t, file=err))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("args", "stdin", "expected_error"),
    [
        ([], "", "error: $: pemakaian"),
        (["-"], "{not json", "error: $: JSON tidak valid"),
        (["-"], "[1, 2]", "error: $: kasus harus berupa objek JSON"),
        (["-"], '{"method": "magic"}', "error: method: harus salah satu dari"),
        (["-"], '{"method": NaN}', "error: $: JSON tidak valid"),
        (["/nonexistent/case.json"], "", "error: $: berkas tidak dapat dibaca"),
    ],
)
def test_bad_envelopes_exit_2_with_a_named_error(args: list[str], stdin: str, expected_error: str) -> None:
    code, out, err = run_cli(args, stdin)
    assert code == 2
    assert out == ""
    assert err.startswith(expected_error)


def test_module_entry_point_runs_as_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tepat.engine", "-"],
        input=json.dumps({"method": "unknown"}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: method:")
