"""Hypothesis profiles for the property tests.

``ci`` is the default: derandomized (the same examples on every run, so a failure reproduces and
CI never flakes on a new seed), few enough examples that this folder runs in well under a minute
on a slow two-core machine, and a deadline generous enough for such a machine.

``long`` explores: thousands of random examples per property, a new seed each run, and failing
examples kept in ``.hypothesis/`` so that the next run tries them first::

    HYPOTHESIS_PROFILE=long .venv/bin/pytest -q -p no:cacheprovider tests/properties

It takes tens of minutes; run it after changing the pipeline or the importer.
"""

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    deadline=timedelta(seconds=10),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
