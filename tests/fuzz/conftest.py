"""Hypothesis profiles and the two organisations every fuzz test works with."""

import os

import pytest
from hypothesis import HealthCheck, settings

from .world import build_organisation

# No example database, so a run depends on nothing a previous run left behind; in CI the
# examples are also the same every run, so a red build can be run again and looked at.
_COMMON = dict(
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the database is shared by the examples on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
settings.register_profile("fuzz", **_COMMON)
settings.register_profile("ci", derandomize=True, **_COMMON)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "fuzz"))


@pytest.fixture
def home(db):
    """The organisation the person who posts belongs to."""
    return build_organisation("Testkommune", "testkommune")


@pytest.fixture
def other(db):
    """Another organisation with the same kinds of things, which no example may change."""
    return build_organisation("Nabokommune", "nabokommune")
