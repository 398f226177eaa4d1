"""The transfers tests' small world (one user per workflow role), reused by the write-back file's tests."""

from tepat.transfers.tests.conftest import _media, world  # noqa: F401  (fixtures)
