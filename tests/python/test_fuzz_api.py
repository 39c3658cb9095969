"""Property-based fuzzing of the Python API (hypothesis): generated models, code strings and arguments
must give a valid result or a clean exception of a class Brian2 raises, never a dead or hung process.

Each hypothesis example is a batch of snippets run in one child process (tests/oracle/run_snippets.py),
so a crash is reported with its snippet instead of killing pytest; a batch has a time limit (a hang).
The default profile ("ci") is a bounded slice; `RANVIER_FUZZ_PROFILE=long` is the long run documented in
Tests/Fuzz/README.md (its last result is in Tests/Fuzz/FUZZING.md).
"""

import os
import subprocess
import sys

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from oracle import harness  # noqa: E402

# No shrinking: every example costs a child process, and a failure already names its snippet.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]
settings.register_profile("ci", max_examples=12, deadline=None, derandomize=True, phases=PHASES,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=int(os.environ.get("RANVIER_FUZZ_EXAMPLES", "2000")), deadline=None,
                          phases=PHASES, suppress_health_check=list(HealthCheck), database=None)
PROFILE = os.environ.get("RANVIER_FUZZ_PROFILE", "ci")

# Classes Brian2 raises for bad input (matched against each exception's MRO, so subclasses count).
CLEAN_EXCEPTIONS = {
    "SyntaxError", "DimensionMismatchError", "KeyError", "ValueError", "TypeError", "IndexError",
    "NotImplementedError", "MemoryError", "EquationError", "UnsupportedEquationsException", "AttributeError",
    "MagicError", "PreferenceError", "RuntimeError", "OverflowError", "BrianObjectException",
}
SNIPPETS_PER_BATCH = 12
# Each snippet runs at most a few milliseconds of simulated time: a batch this slow has hung.
BATCH_TIME_LIMIT_SECONDS = 90

# --- strategies: pieces of Brian2's model language and of its Python API ---------------------------

NAMES = ["v", "w", "x", "I", "tau", "i", "j", "N", "t", "dt", "lastspike", "not_refractory", "v_post", "v_pre",
         "x_pre", "N_post", "N_pre", "k", "mV", "pi", "xi", "_hidden", "undefined_name", "True"]
NUMBERS = ["0", "1", "-1", "0.5", "2", "1e308", "1e999", "9223372036854775807", "9223372036854775808", "1e15",
           "1e-320", "0.0", "3"]
FUNCTIONS = ["exp", "log", "sqrt", "abs", "sin", "clip", "int", "floor", "rand", "randn", "exprel", "sign"]
BINARY = [" + ", " - ", " * ", " / ", " // ", " % ", " ** ", " > ", " < ", " == ", " and ", " or "]
UNITS = ["1", "volt", "second", "amp", "siemens", "Hz", "metre**-2", "integer", "boolean", "mV", "2", "unknownunit"]
FLAGS = ["constant", "shared", "unless refractory", "event-driven", "clock-driven", "constant over dt", "nonsense"]
METHODS = [None, "exact", "euler", "rk2", "rk4", "heun", "exponential_euler", "linear", "nonsense"]


@st.composite
def expressions(draw, depth=0):
    """A random expression of the code language (as a string)."""
    choice = draw(st.integers(0, 1 if depth > 3 else 5))
    if choice == 0:
        return draw(st.sampled_from(NAMES))
    if choice == 1:
        return draw(st.sampled_from(NUMBERS))
    if choice == 2:
        return draw(expressions(depth + 1)) + draw(st.sampled_from(BINARY)) + draw(expressions(depth + 1))
    if choice == 3:
        return "(" + draw(expressions(depth + 1)) + ")"
    if choice == 4:
        return draw(st.sampled_from(["-", "not "])) + draw(expressions(depth + 1))
    arguments = draw(st.lists(expressions(depth + 1), max_size=3))
    return draw(st.sampled_from(FUNCTIONS)) + "(" + ", ".join(arguments) + ")"


def noisy(strategy):
    """A strategy, or now and then arbitrary text in its place."""
    return st.one_of(strategy, strategy, strategy, st.text(max_size=40))


@st.composite
def statements(draw):
    lines = draw(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from([" = ", " += ", " -= ", " *= "]),
                                    expressions()), min_size=1, max_size=3))
    return draw(st.sampled_from(["\n", "; "])).join(name + op + value for name, op, value in lines)


@st.composite
def equations(draw):
    lines = []
    for name in draw(st.lists(st.sampled_from(["v", "w", "x", "I", "u"]), min_size=1, max_size=4, unique=True)):
        kind = draw(st.integers(0, 2))
        line = f"d{name}/dt = {draw(expressions())}" if kind == 0 else f"{name} = {draw(expressions())}" if kind == 1 else name
        line += " : " + draw(st.sampled_from(UNITS))
        flags = draw(st.lists(st.sampled_from(FLAGS), max_size=2))
        if flags:
            line += " (" + ", ".join(flags) + ")"
        lines.append(line)
    return "\n".join(lines)


@st.composite
def generators(draw):
    text = draw(expressions()) + " for k in "
    text += draw(st.sampled_from(["range(N_post)", "range(-3, 4)", "range(0, 10, 0)", "range(10**9)",
                                  "sample(N_post, p=0.5)", "sample(N_post, size=2)", "range(i, i + 2)"]))
    if draw(st.booleans()):
        text += " if " + draw(expressions())
    return text


SIZES = st.sampled_from(["0", "1", "3", "-1", "2**62", "10**12", "1.5", "float('nan')", "'a'", "None", "True"])
QUANTITIES = st.sampled_from(["0*ms", "0.1*ms", "1*ms", "-1*ms", "float('nan')*ms", "float('inf')*ms", "1e300*second",
                              "1e15*second", "1*volt", "5", "'1*ms'", "1j*ms", "1e-30*second"])
VALUES = st.sampled_from(["0", "1", "-1", "float('nan')", "float('inf')", "1e308", "2**62", "2**70", "1*mV", "'i*0.1'",
                          "'rand()'", "'v +'", "[1, 2]", "None", "'nan'", "1j"])
DURATIONS = st.sampled_from(["0*ms", "0.1*ms", "0.5*ms", "-1*ms", "float('nan')*ms", "1*volt", "0.3", "1e-25*second"])


def quoted(text):
    return repr(text)


@st.composite
def neuron_snippets(draw):
    model = draw(noisy(equations()))
    keywords = []
    if draw(st.booleans()):
        keywords.append(f"threshold={quoted(draw(noisy(expressions())))}")
    if draw(st.booleans()):
        keywords.append(f"reset={quoted(draw(noisy(statements())))}")
    if draw(st.booleans()):
        refractory = draw(st.one_of(QUANTITIES, noisy(expressions()).map(quoted)))
        keywords.append(f"refractory={refractory}")
    method = draw(st.sampled_from(METHODS))
    if method:
        keywords.append(f"method={quoted(method)}")
    variable = draw(st.sampled_from(["v", "w", "x", "I", "nope"]))
    return "\n".join([
        "tau = 10*ms",
        f"G = NeuronGroup({draw(st.sampled_from(['1', '3', '5']))}, {quoted(model)}, {', '.join(keywords)})",
        f"G.{variable} = {draw(VALUES)}",
        f"M = StateMonitor(G, {quoted(variable)}, record={draw(st.sampled_from(['True', '0', '[0, 1]', '[-1]', '[10**12]']))})",
        f"run({draw(DURATIONS)})",
    ])


@st.composite
def synapse_snippets(draw):
    connect = draw(st.sampled_from(["condition", "p", "n", "j", "ij"]))
    if connect == "condition":
        arguments = quoted(draw(noisy(expressions())))
    elif connect == "p":
        arguments = "p=" + draw(st.one_of(st.sampled_from(["0.5", "1", "-1", "2", "float('nan')"]), noisy(expressions()).map(quoted)))
    elif connect == "n":
        arguments = "p=1, n=" + draw(st.one_of(SIZES, noisy(expressions()).map(quoted)))
    elif connect == "j":
        arguments = "j=" + quoted(draw(noisy(generators())))
    else:
        arguments = "i=" + draw(st.sampled_from(["[0, 1]", "[-1]", "[2**62]", "0", "[0.5]"])) + ", j=" + draw(
            st.sampled_from(["[0, 1]", "[3]", "[-2]", "1"]))
    model = draw(st.one_of(st.just("w : 1"), noisy(equations())))
    on_pre = draw(noisy(statements()))
    return "\n".join([
        "tau = 10*ms",
        "G = NeuronGroup(3, 'dv/dt = -v/tau : 1\\nx : 1\\nI : 1', threshold='v > 0.5', reset='v = 0')",
        f"S = Synapses(G, G, {quoted(model)}, on_pre={quoted(on_pre)}, delay={draw(QUANTITIES)})",
        f"S.connect({arguments})",
        "G.v = 1",
        f"run({draw(DURATIONS)})",
    ])


@st.composite
def argument_snippets(draw):
    template = draw(st.integers(0, 4))
    if template == 0:
        return f"G = NeuronGroup({draw(SIZES)}, 'v : 1')\nrun(0.1*ms)"
    if template == 1:
        return (f"G = SpikeGeneratorGroup({draw(SIZES)}, {draw(st.sampled_from(['[0]', '[0, 0]', '[-1]', '[5]', '[]']))}, "
                f"[{draw(QUANTITIES)}])\nrun(0.1*ms)")
    if template == 2:
        return f"defaultclock.dt = {draw(QUANTITIES)}\nG = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1')\nrun({draw(DURATIONS)})"
    if template == 3:
        return (f"G = NeuronGroup(2, 'v : volt\\nn : integer\\nb : boolean')\nG.{draw(st.sampled_from(['v', 'n', 'b']))}"
                f"[{draw(st.sampled_from(['0', '-1', '5', repr('i > 0'), repr('v +'), '2**62', ':']))}] = {draw(VALUES)}")
    return (f"G = NeuronGroup(2, 'v : 1')\nP = PoissonInput(G, 'v', {draw(SIZES)}, {draw(QUANTITIES)}, weight={draw(VALUES)})\n"
            "run(0.1*ms)")


SNIPPETS = st.one_of(neuron_snippets(), synapse_snippets(), argument_snippets())


# --- running a batch ------------------------------------------------------------------------------

def outcomes_of(batch):
    """Outcomes of a batch in one child process; on a crash, finds the snippet that crashes alone."""
    env = dict(os.environ, MPLBACKEND="Agg")
    try:
        return harness.run_snippets(sys.executable, "ranvier", batch, env, BATCH_TIME_LIMIT_SECONDS)
    except harness.ScriptFailed as failure:
        for snippet in batch:
            try:
                harness.run_snippets(sys.executable, "ranvier", [snippet], env, BATCH_TIME_LIMIT_SECONDS)
            except harness.ScriptFailed as single:
                pytest.fail(f"the process died on this snippet:\n{snippet}\n{single}", pytrace=False)
        pytest.fail(f"the batch's process died (no snippet alone does):\n{failure}", pytrace=False)
    except subprocess.TimeoutExpired:
        slow = []
        for snippet in batch:
            try:
                harness.run_snippets(sys.executable, "ranvier", [snippet], env, BATCH_TIME_LIMIT_SECONDS)
            except (subprocess.TimeoutExpired, harness.ScriptFailed):
                slow.append(snippet)
        pytest.fail(f"a batch took more than {BATCH_TIME_LIMIT_SECONDS} s (a hang); alone, these hang:\n"
                    + "\n---\n".join(slow or ["(none: the batch as a whole)"]), pytrace=False)


def unclean(outcome):
    """The escaping exception's class when it is not one Brian2 raises for bad input, else None."""
    if not outcome["raised"]:
        return None
    first = outcome["chain"][0]
    return None if CLEAN_EXCEPTIONS & set(first["bases"]) else first["formatted"]


@settings(settings.get_profile(PROFILE))
@given(st.lists(SNIPPETS, min_size=SNIPPETS_PER_BATCH, max_size=SNIPPETS_PER_BATCH))
def test_generated_scripts_give_a_result_or_a_clean_exception(batch):
    problems = [f"{snippet}\n  -> {unclean(outcome)}" for snippet, outcome in zip(batch, outcomes_of(batch)) if unclean(outcome)]
    assert not problems, "unclean exceptions:\n" + "\n\n".join(problems)


def test_the_clean_exception_check_rejects_other_classes():
    assert unclean({"raised": False}) is None
    assert unclean({"raised": True, "chain": [{"bases": ["DimensionMismatchError", "Exception"], "formatted": ""}]}) is None
    assert unclean({"raised": True, "chain": [{"bases": ["SystemError", "Exception"], "formatted": "SystemError"}]})


# --- findings: inputs that crashed Ranvier before (Tests/Fuzz/FUZZING.md), with what they give now ----

FINDINGS = [
    # A '\' continuation inside a flag list trapped in the parser (Brian2: EquationError, a parse error).
    ("NeuronGroup(1, 'v : 1 (a\\\\\\nb)')", "SyntaxError"),
    # exponential_euler trapped on (unless refractory) without refractoriness; Brian2 runs it.
    ("G = NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1 (unless refractory)', method='exponential_euler')\n"
     "G.v = 1\nrun(1*ms)\nassert abs(G.v[0] - exp(-0.1)) < 1e-12", None),
    # A spike time beyond the last countable step trapped; Brian2 accepts it (the spike never comes).
    ("G = SpikeGeneratorGroup(1, [0], [1e15]*second)\nM = SpikeMonitor(G)\nrun(0.1*ms)\nassert M.num_spikes == 0", None),
    # ... and so did such a period (Brian2: OverflowError).
    ("G = SpikeGeneratorGroup(1, [0], [1]*ms, period=1e300*second)\nrun(0.1*ms)", "ValueError"),
    # An on_post delay of 1e300 s trapped at the run.
    ("G = NeuronGroup(2, 'v : 1', threshold='v > 1')\n"
     "S = Synapses(G, G, 'w : 1', on_post='w += 1', delay={'post': 1e300*second})\nS.connect()\nrun(0.1*ms)", "ValueError"),
]


@pytest.mark.parametrize("snippet, expected", FINDINGS)
def test_fuzz_findings_give_a_result_or_a_clean_exception(snippet, expected):
    outcome = harness.ranvier_snippet_outcome(snippet)
    raised = outcome["chain"][0]["type"] if outcome["raised"] else None
    assert raised == expected, outcome
