"""`python -m flashpoint` is the console script under another name."""

import subprocess
import sys


def test_python_dash_m_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "flashpoint", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0
    assert "usage: flashpoint" in done.stdout
    assert "extract" in done.stdout


def test_python_dash_m_reports_a_usage_error_without_a_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "flashpoint", "events", "--since", "not-a-date"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
