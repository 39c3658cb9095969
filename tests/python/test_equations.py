"""Equations objects: text substitution and joining, and their values reaching the engine."""

import pytest

from ranvier import Equations, NeuronGroup, ms, mV, run, start_scope


@pytest.fixture
def fresh_scope():
    start_scope()
    yield
    start_scope()


def test_substituting_a_name_renames_every_occurrence_but_not_longer_names():
    eqs = Equations("dv/dt = (v0 - v)/tau : volt\ndtau2/dt = -tau2/tau : second", tau="tau_m")
    assert str(eqs) == "dv/dt = (v0 - v)/tau_m : volt\ndtau2/dt = -tau2/tau_m : second"


def test_substituting_a_value_passes_it_to_the_group(fresh_scope):
    G = NeuronGroup(2, Equations("dv/dt = (E - v)/tau : volt", tau=10 * ms, E=-50 * mV), method="exact")
    run(10 * ms)
    # v relaxes from 0 towards E with time constant 10 ms: v(10 ms) = E*(1 - e^-1).
    assert G.v[0] / mV == pytest.approx(-50 * (1 - 2.718281828459045 ** -1), rel=1e-9)


def test_the_same_equations_with_different_values_in_two_groups(fresh_scope):
    model = "dv/dt = -v/tau : 1"
    fast = NeuronGroup(1, Equations(model, tau=5 * ms), method="exact")
    slow = NeuronGroup(1, Equations(model, tau=20 * ms), method="exact")
    fast.v = slow.v = 1
    run(20 * ms)
    assert (fast.v[0], slow.v[0]) == pytest.approx((2.718281828459045 ** -4, 2.718281828459045 ** -1), rel=1e-9)


def test_adding_equations_joins_them_and_keeps_substituted_values():
    joined = Equations("dv/dt = -v/tau : 1", tau=3 * ms) + "w : 1"
    assert isinstance(joined, Equations)
    assert str(joined).splitlines()[1] == "w : 1"
    assert list(joined.substituted_values.values()) == [3 * ms]
    assert isinstance("x : 1" + Equations("y : 1"), Equations)


def test_bad_substitutions_are_errors():
    with pytest.raises(KeyError, match="'tau'"):
        Equations("dv/dt = -v/tau_m : 1", tau=5 * ms)
    with pytest.raises(ValueError, match="name or a value"):
        Equations("dv/dt = -v/tau : 1", tau="2*tau_m")
    with pytest.raises(TypeError, match="string of equations"):
        Equations(42)
