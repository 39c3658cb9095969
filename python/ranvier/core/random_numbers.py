"""`seed()`: makes random numbers reproducible, in code strings (``rand()``, ``randn()``, ``xi``) and
in numpy's global generator, which Brian2's `seed` also seeds."""

import numbers

import numpy as np

from . import engine


def seed(seed=None):
    """Seeds the engine's and numpy's random number generators with a non-negative integer, or with
    fresh operating-system entropy when `seed` is None."""
    if seed is None:
        engine.api.seed(-1)
        np.random.seed(None)
        return
    if isinstance(seed, bool) or not isinstance(seed, (numbers.Integral, np.integer)):
        raise TypeError(f"seed has to be an integer or None, got {seed!r}.")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed has to be between 0 and 2**32 - 1, got {seed}.")
    engine.api.seed(int(seed))
    np.random.seed(int(seed))
