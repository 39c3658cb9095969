"""`Synapses.connect()`: Brian2's argument forms turned into engine calls.

The forms (see Brian2's user guide on synapses):
- ``connect()``, ``connect(True)``, ``connect('i != j')``, ``connect(condition=..., p=..., n=...)``:
  every pair for which the condition holds, each with probability `p`, `n` synapses per pair;
- ``connect(i=..., j=...)``: explicit neuron indices (numbers or arrays, broadcast against each other
  and against `n`), optionally kept with probability `p` (drawn from numpy's generator, as Brian2);
- ``connect(j='i')``, ``connect(j='k for k in range(i-3, i+4) if k != i', skip_if_invalid=True)``,
  ``connect(j='k for k in sample(N_post, p=0.1)')``: a generator of postsynaptic indices.
External names in the code strings come from `namespace` or, when none is given, from the caller's
locals and globals, as for `run()`.
"""

import numbers
import re

import numpy as np

from ..core import engine
from ..core.namespace import resolve_into_engine_namespace, run_namespace_for

_FOR = re.compile(r"\bfor\b")


def connect(synapses, condition, i, j, p, n, skip_if_invalid, namespace, caller_frame):
    """Creates the synapses one `Synapses.connect()` call asks for."""
    _check_argument_types(condition, i, j, p, n)
    if condition is None and i is None and j is None:
        condition = True
    if condition is not None:
        if i is not None or j is not None:
            raise ValueError("Cannot combine condition with i or j arguments")
        _connect_by_condition(synapses, condition, p, n, skip_if_invalid, namespace, caller_frame)
    elif i is not None and j is not None and not (isinstance(i, str) or isinstance(j, str)):
        if skip_if_invalid:
            raise ValueError("Can only use skip_if_invalid with string syntax")
        _connect_indices(synapses, i, j, p, n)
    elif isinstance(i, str):
        raise NotImplementedError("Generator syntax over postsynaptic neurons (connect(i='...')) is not "
                                  "supported yet; write the generator for j instead.")
    elif isinstance(j, str):
        if i is not None:
            raise TypeError("Generator syntax for j cannot be combined with i argument")
        if isinstance(p, str) or p != 1:
            raise ValueError("Generator syntax cannot be combined with p argument")
        _connect_code(synapses, "", "", n, _as_generator(j), skip_if_invalid, namespace, caller_frame)
    else:
        raise ValueError("Must specify at least one of condition, i or j arguments")


def _check_argument_types(condition, i, j, p, n):
    if condition is not None and not isinstance(condition, (bool, np.bool_, str)):
        raise TypeError("condition argument must be bool or string. If you want to connect based on indices, "
                        "use connect(i=..., j=...).")
    for name, value in (("i", i), ("j", j)):
        if value is not None and not (isinstance(value, (numbers.Integral, np.ndarray, list, tuple, range, str))
                                      or hasattr(value, "_indices")):
            raise TypeError(f"{name} argument must be int, array or string")
    if isinstance(p, (bool, np.bool_)) or not isinstance(p, (numbers.Real, str)):
        raise TypeError("p must be float or string")
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (numbers.Integral, str)):
        raise TypeError("n must be int or string")
    for name, code in (("condition", condition), ("p", p), ("n", n), ("i", i), ("j", j)):
        if isinstance(code, str) and not code.strip():
            raise SyntaxError(f"The {name} argument of connect() is an empty code string; give an expression, "
                              "or leave the argument out.")
    if isinstance(condition, str) and _FOR.search(condition):
        raise ValueError(f"Generator expression given for condition, write connect(j='{condition}'...) instead "
                         f"of connect('{condition}'...).")


def _connect_by_condition(synapses, condition, p, n, skip_if_invalid, namespace, caller_frame):
    if condition is False or (isinstance(condition, str) and condition.strip() == "False"):
        engine.api.synapses_connect_indices(synapses.handle, [], [])  # connect() was called: nothing created
        return
    condition_code = "" if condition is True or isinstance(condition, np.bool_) else condition
    _connect_code(synapses, condition_code, _code_of(p), n, "", skip_if_invalid, namespace, caller_frame)


def _connect_code(synapses, condition, p, n, generator, skip_if_invalid, namespace, caller_frame):
    n_code = _code_of(n)
    names = engine.api.synapses_connect_external_names(synapses.handle, condition, p, n_code, generator)
    namespace_handle = resolve_into_engine_namespace(names, run_namespace_for(caller_frame, namespace),
                                                     synapses.namespace, synapses.name)
    engine.api.synapses_connect(synapses.handle, condition, p, n_code, generator, bool(skip_if_invalid),
                                namespace_handle)


def _code_of(value):
    """A number or code string as code for the engine ('' keeps the engine's default of 1)."""
    if isinstance(value, str):
        return value
    return "" if value == 1 else repr(float(value)) if isinstance(value, float) else str(int(value))


def _as_generator(expression):
    """Brian2's plain forms ``j='i'`` and ``j='i+1 if i < 5'`` as one-element generators."""
    if _FOR.search(expression):
        return expression
    parts = expression.split(" if ")
    if len(parts) == 1:
        return expression
    if len(parts) == 2:
        return f"{parts[0]} for _k in range(1) if {parts[1]}"
    raise SyntaxError(f"Error parsing expression '{expression}'. Expression has to have the form 'EXPR' or "
                      "'EXPR if COND'.")


def _connect_indices(synapses, i, j, p, n):
    pre, post, copies = _broadcast_indices(i, j, n)
    if isinstance(p, str):
        raise TypeError("A connection probability given as a code string cannot be combined with explicit "
                        "indices i and j; use a number for p.")
    if p != 1:
        kept = np.random.rand(len(pre)) < p
        pre, post, copies = pre[kept], post[kept], copies[kept]
    if np.any(copies < 0):
        raise ValueError(f"The number of synapses n must not be negative, got {copies.min()}.")
    engine.api.synapses_connect_indices(synapses.handle, pre.repeat(copies), post.repeat(copies))


def _broadcast_indices(i, j, n):
    pre = np.asarray(i._indices() if hasattr(i, "_indices") else i)
    if not np.issubdtype(pre.dtype, np.signedinteger) and not (pre.size == 0 and pre.dtype == float):
        raise TypeError(f"Presynaptic indices have to be given as integers, are type {pre.dtype} instead.")
    post = np.asarray(j._indices() if hasattr(j, "_indices") else j)
    if not np.issubdtype(post.dtype, np.signedinteger) and not (post.size == 0 and post.dtype == float):
        raise TypeError("Presynaptic indices can only be combined with postsynaptic integer indices")
    if isinstance(n, str):
        raise TypeError("Indices cannot be combined with a string expression for n. Either use an array/scalar "
                        "for n, or a string expression for the connections")
    try:
        pre, post, copies = np.broadcast_arrays(pre, post, np.asarray(n))
    except ValueError as error:
        raise ValueError(f"The indices i, j (and n) cannot be broadcast to a common shape: {error}") from None
    if pre.ndim > 1:
        raise ValueError("Can only use 1-dimensional indices")
    return (np.atleast_1d(pre).astype(np.int64), np.atleast_1d(post).astype(np.int64),
            np.atleast_1d(copies).astype(np.int64))
