"""Unique object names such as ``neurongroup``, ``neurongroup_1``: they label printed values
(``<neurongroup.v: ...>``) and must be unique within a network."""

import weakref

_living_objects = weakref.WeakSet()


def claim_name(requested, owner):
    """Returns the name `owner` will carry and remembers `owner` as a living named object.

    A name ending in ``*`` asks for the first free name among living objects: the bare stem, then
    ``stem_1``, ``stem_2``... Any other name is taken as given (duplicates are caught when a network
    containing both objects runs).
    """
    if not isinstance(requested, str) or not requested.rstrip("*"):
        raise TypeError(f"An object name has to be a non-empty string, got {requested!r}.")
    name = _free_name(requested[:-1]) if requested.endswith("*") else requested
    if not name.isidentifier():
        raise ValueError(f"Name '{name}' is not a valid identifier (letters, digits and '_' only, "
                         "not starting with a digit).")
    _living_objects.add(owner)
    return name


def _free_name(stem):
    taken = {getattr(obj, "name", None) for obj in _living_objects}
    if stem not in taken:
        return stem
    suffix = 1
    while f"{stem}_{suffix}" in taken:
        suffix += 1
    return f"{stem}_{suffix}"
