"""Shared pytest set-up: makes tests/oracle importable and provides the Brian2 oracle fixture."""

import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

from oracle import harness  # noqa: E402


@pytest.fixture(scope="session")
def oracle():
    """The differential-testing harness, after checking that the Brian2 environment exists.

    A missing oracle fails the test (it is never skipped) with the command that creates it.
    """
    try:
        harness.brian2_version()
    except harness.OracleMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    return harness
