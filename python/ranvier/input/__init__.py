"""Inputs defined by the user's data: `TimedArray`."""

from .timedarray import TimedArray

__all__ = ["TimedArray"]
