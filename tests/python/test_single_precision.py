"""`prefs.core.default_float_dtype = float32` and NeuronGroup's `dtype`: what a group stores in single
precision, and how values written from Python and by the engine are rounded. (The differential test
`variant_float32_network` compares a whole single-precision run with Brian2's.)"""

import numpy as np
import pytest

from ranvier import NeuronGroup, StateMonitor, Synapses, defaultclock, ms, mV, prefs, run, start_scope


@pytest.fixture(autouse=True)
def fresh_scope():
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield
    prefs.core.default_float_dtype = np.float64


def lif(n=3, **arguments):
    return NeuronGroup(n, "dv/dt = (1.2 - v)/(10*ms) : 1 (unless refractory)\nflag : boolean", threshold="v > 1",
                       reset="v = 0", refractory=2 * ms, method="exact", **arguments)


def test_float32_preference_stores_model_and_synaptic_variables_as_float32():
    prefs.core.default_float_dtype = np.float32
    G = lif()
    S = Synapses(G, G, "w : volt", on_pre="v_post += w/volt")
    S.connect()
    assert G.v[:].dtype == np.float32 and G.v.dtype == np.float32
    assert S.w[:].dtype == np.float32
    # As in Brian2: flags are booleans and spike times stay in double precision.
    assert G.flag[:].dtype == bool and G.not_refractory[:].dtype == bool
    assert G.lastspike[:].dtype == np.float64


def test_the_preference_applies_to_groups_created_after_it_is_set():
    before = lif()
    prefs.core.default_float_dtype = np.float32
    after = lif()
    assert before.v[:].dtype == np.float64 and after.v[:].dtype == np.float32


def test_neurongroup_dtype_argument_overrides_the_preference():
    assert lif(dtype=np.float32).v[:].dtype == np.float32
    prefs.core.default_float_dtype = np.float32
    assert lif(dtype=np.float64).v[:].dtype == np.float64
    with pytest.raises(TypeError, match="float32 or float64"):
        lif(dtype=np.int32)
    with pytest.raises(NotImplementedError, match="dtype per variable"):
        lif(dtype={"v": np.float32})


def test_values_round_to_float32_when_written_and_when_updated():
    prefs.core.default_float_dtype = np.float32
    G = NeuronGroup(2, "dv/dt = -v/(10*ms) : volt\nu : 1", method="exact")
    G.v = 0.1 * mV
    G.u = "0.1*(i + 1)"
    assert G.v_[0] == np.float32(1e-4)
    assert G.u[:].tolist() == [float(np.float32(0.1)), float(np.float32(0.2))]
    run(1 * ms)
    # Ten exact steps, each computed in double precision and rounded to float32 when stored.
    v = np.float32(1e-4)
    for _ in range(10):
        v = np.float32(float(v) * np.exp(-0.01))
    assert G.v_[0] == pytest.approx(float(v), rel=2e-7)
    assert G.v_[0] != pytest.approx(1e-4 * np.exp(-0.1), rel=1e-9)



def test_state_monitor_records_float32_variables_as_float32_and_times_as_float64():
    prefs.core.default_float_dtype = np.float32
    G = lif()
    M = StateMonitor(G, ["v", "not_refractory"], record=True)
    run(1 * ms)
    # As Brian2 does in single precision.
    assert M.v[:].dtype == np.float32 and M.t[:].dtype == np.float64
    assert M.not_refractory[:].dtype == bool
    assert np.array_equal(M.v[:, -1], M.v[:, -1].astype(np.float32))
