"""`CodeRunner`: a group's ``run_regularly`` code, an object simulated with its group."""

from ..core import engine
from ..core.base import EngineObject
from ..core.clock import Clock


class CodeRunner(EngineObject):
    """Statements `code` run for every element of `group` at each step of `clock`, in the `when`
    slot with priority `order` (what ``group.run_regularly(...)`` creates and returns). Since it is
    one of the group's contained objects, a network simulating the group simulates it too."""

    #: Collected through its group, not on its own (as in Brian2).
    add_to_magic_network = False

    def __init__(self, group, code, clock, when="start", order=0, name=None):
        if not isinstance(code, str):
            raise TypeError(f"run_regularly code has to be a string, got {type(code).__name__}.")
        handle = engine.api.run_regularly_create(group.handle, code)
        super().__init__(handle, name, when, order, clock=clock)
        object.__setattr__(self, "group", group)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "_dependencies", (group,))
        object.__setattr__(self, "_group_namespace", group._group_namespace)

    def _external_names(self):
        return engine.api.code_external_names(self.group.handle, self.code, False)

    def __repr__(self):
        return f"CodeRunner(group={self.group.name!r}, code={self.code!r}, clock={self.clock!r})"


def run_regularly(group, code, dt=None, clock=None, when="start", order=0, name=None, codeobj_class=None):
    """Adds a `CodeRunner` for `code` to `group` (see `Group.run_regularly`) and returns it."""
    if codeobj_class is not None:
        raise NotImplementedError("run_regularly does not support codeobj_class.")
    if name is None:
        taken = {obj.name for obj in group._contained_objects}
        stem, suffix = f"{group.name}_run_regularly", 0
        name = stem
        while name in taken:
            suffix += 1
            name = f"{stem}_{suffix}"
    if clock is None:
        clock = Clock(dt=dt, name=f"{name}_clock*") if dt is not None else group.clock
    runner = CodeRunner(group, code, clock, when, order, name)
    group._contain(runner)
    return runner
