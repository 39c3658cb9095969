"""`prefs`: Brian2's preference tree, so scripts that set preferences keep running.

Preferences that only choose how Brian2 generates code, compiles, or logs (``codegen.*``,
``devices.*``, ``logging.*``...) have no counterpart in Ranvier's single compiled engine and no
effect on results: they are accepted and stored. Preferences that would change results accept only
the value whose behaviour Ranvier implements; any other value raises NotImplementedError.
"""

import numpy as np


class PreferenceError(Exception):
    """An unknown preference name or an invalid preference value."""


def _any_value(name, value):
    return value


def _one_of(*allowed):
    def check(name, value):
        if value not in allowed:
            raise PreferenceError(f"Preference '{name}' has to be one of {', '.join(map(repr, allowed))}, "
                                  f"got {value!r}.")
        return value
    return check


def _only(supported, description, normalise=lambda value: value):
    def check(name, value):
        try:
            matches = normalise(value) == normalise(supported)
        except (TypeError, ValueError):
            matches = False
        if not matches:
            raise NotImplementedError(f"Preference '{name}' can only be {description} in Ranvier, got {value!r}.")
        return value
    return check


def float_dtype_or_none(value):
    """numpy.float32 or numpy.float64 for a value naming one of them (a type, a dtype, a name), else None."""
    try:
        dtype = np.dtype(value)
    except TypeError:
        return None
    return dtype.type if dtype in (np.dtype(np.float32), np.dtype(np.float64)) else None


def _float_dtype(name, value):
    dtype = float_dtype_or_none(value)
    if dtype is None:
        raise PreferenceError(f"Preference '{name}' has to be float32 or float64, got {value!r}.")
    return dtype


def _boolean(name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise PreferenceError(f"Preference '{name}' has to be True or False, got {value!r}.")
    return bool(value)


def _thread_count(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= value <= 256:
        raise PreferenceError(f"Preference '{name}' has to be a whole number of threads from 1 to 256, got {value!r}.")
    return int(value)


_DEFAULT_SCHEDULE = ["start", "groups", "thresholds", "synapses", "resets", "end"]
_TARGETS = _one_of("auto", "numpy", "cython", "cpp")

#: name -> (default value, checker(name, value) returning the value to store).
_REGISTRY = {
    "codegen.target": ("auto", _TARGETS),
    "codegen.string_expression_target": ("numpy", _TARGETS),
    "codegen.loop_invariant_optimisations": (True, _any_value),
    "codegen.max_cache_dir_size": (1000, _any_value),
    "codegen.synapse_connect_target": (None, _any_value),
    "codegen.runtime.numpy.discard_units": (False, _any_value),
    "codegen.runtime.cython.cache_dir": (None, _any_value),
    "codegen.runtime.cython.delete_source_files": (True, _any_value),
    "codegen.runtime.cython.multiprocess_safe": (True, _any_value),
    "codegen.cpp.compiler": ("", _any_value),
    "codegen.cpp.define_macros": ([], _any_value),
    "codegen.cpp.extra_compile_args": (None, _any_value),
    "codegen.cpp.extra_compile_args_gcc": (["-w", "-O3", "-ffast-math", "-fno-finite-math-only", "-march=native"], _any_value),
    "codegen.cpp.extra_compile_args_msvc": (["/Ox", "/w", "", "/MP"], _any_value),
    "codegen.cpp.extra_link_args": ([], _any_value),
    "codegen.cpp.headers": ([], _any_value),
    "codegen.cpp.include_dirs": ([], _any_value),
    "codegen.cpp.libraries": ([], _any_value),
    "codegen.cpp.library_dirs": ([], _any_value),
    "codegen.cpp.runtime_library_dirs": ([], _any_value),
    "codegen.cpp.msvc_architecture": ("", _any_value),
    "codegen.cpp.msvc_vars_location": ("", _any_value),
    "codegen.generators.cpp.flush_denormals": (False, _any_value),
    "codegen.generators.cpp.restrict_keyword": ("__restrict", _any_value),
    "core.default_float_dtype": (np.float64, _float_dtype),
    "core.default_integer_dtype": (np.int32, _only(np.int32, "numpy.int32", np.dtype)),
    "core.network.default_schedule": (list(_DEFAULT_SCHEDULE), _only(_DEFAULT_SCHEDULE, "the default schedule", list)),
    "core.outdated_dependency_error": (None, _any_value),
    "core.stop_on_keyboard_interrupt": (True, _boolean),  # honoured by core/interrupts.py
    "legacy.refractory_timing": (False, _only(False, "False", bool)),
    "devices.cpp_standalone.extra_make_args_unix": (["-j2"], _any_value),
    "devices.cpp_standalone.extra_make_args_windows": ([], _any_value),
    "devices.cpp_standalone.make_cmd_unix": ("make", _any_value),
    "devices.cpp_standalone.openmp_spatialneuron_strategy": (None, _any_value),
    "devices.cpp_standalone.openmp_threads": (0, _any_value),
    "devices.cpp_standalone.run_cmd_unix": ("./main", _any_value),
    "devices.cpp_standalone.run_environment_variables": ({"LD_BIND_NOW": "1"}, _any_value),
    "logging.console_log_level": ("INFO", _any_value),
    "logging.delete_log_on_exit": (True, _any_value),
    "logging.display_brian_error_message": (True, _any_value),
    "logging.file_log": (True, _any_value),
    "logging.file_log_level": ("DEBUG", _any_value),
    "logging.file_log_max_size": (10000000, _any_value),
    "logging.save_script": (True, _any_value),
    "logging.std_redirection": (True, _any_value),
    "logging.std_redirection_to_file": (True, _any_value),
    "logging.warn_for_unused_objects": (True, _any_value),
    "GSL.directory": (None, _any_value),
    # Ranvier's own: threads sharing the per-neuron loops of large groups; results do not depend on it.
    "ranvier.threads": (1, _thread_count),
}
_CATEGORIES = {name.rsplit(".", i)[0] for name in _REGISTRY for i in range(1, name.count(".") + 1)}


class Preferences:
    """The preference tree: ``prefs.codegen.target = 'numpy'`` or ``prefs['codegen.target']``."""

    def __init__(self):
        object.__setattr__(self, "_values", {name: default for name, (default, _) in _REGISTRY.items()})

    def __getitem__(self, name):
        if name not in _REGISTRY:
            raise KeyError(f"Preference '{name}' is unregistered. Spelling error?")
        return self._values[name]

    def __setitem__(self, name, value):
        if name not in _REGISTRY:
            raise PreferenceError(f"Preference '{name}' is unregistered. Spelling error?")
        self._values[name] = _REGISTRY[name][1](name, value)

    def __contains__(self, name):
        return name in _REGISTRY

    def keys(self):
        """All preference names."""
        return _REGISTRY.keys()

    def reset_to_defaults(self):
        """Restores every preference to its default value."""
        self._values.update({name: default for name, (default, _) in _REGISTRY.items()})

    def __getattr__(self, name):
        return _CategoryView(self, name)._checked()

    def __setattr__(self, name, value):
        raise AttributeError(f"Set preferences by their full name, e.g. prefs.codegen.target = 'numpy' "
                             f"('{name}' is not a preference).")


class _CategoryView:
    """A dotted prefix of preference names (``prefs.codegen``, ``prefs.codegen.cpp``...)."""

    def __init__(self, preferences, prefix):
        object.__setattr__(self, "_preferences", preferences)
        object.__setattr__(self, "_prefix", prefix)

    def _checked(self):
        if self._prefix not in _CATEGORIES:
            raise AttributeError(f"Object of type Preferences does not have an attribute '{self._prefix}'")
        return self

    def __getattr__(self, name):
        full_name = f"{self._prefix}.{name}"
        if full_name in _REGISTRY:
            return self._preferences[full_name]
        return _CategoryView(self._preferences, full_name)._checked()

    def __setattr__(self, name, value):
        self._preferences[f"{self._prefix}.{name}"] = value

    def __repr__(self):
        return f"<preferences '{self._prefix}'>"


#: The global preferences.
prefs = Preferences()
