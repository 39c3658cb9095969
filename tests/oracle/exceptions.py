"""How a bad-input test compares the error Ranvier raises with the one Brian2 raises for the same
snippet (outcomes as tests/oracle/run_snippets.py reports them)."""


def effective_class_names(outcome):
    """Class names (MRO) of the error a user deals with: the first cause that is not one of Brian2's
    BrianObjectException wrappers."""
    chain = outcome["chain"]
    unwrapped = [error for error in chain if error["type"] != "BrianObjectException"]
    return (unwrapped or chain)[0]["bases"]


def assert_raises_as_brian2_does(name, brian2, ranvier):
    """Both raised, Ranvier an error of the class Brian2 raised (Brian2's EquationError, a
    ValueError, is the SyntaxError Ranvier's parser raises), with a message that says something."""
    assert brian2["raised"], f"Brian2 accepts {name!r}: not a bad-input case"
    assert ranvier["raised"], f"Ranvier accepted {name!r}; Brian2 raised {effective_class_names(brian2)[0]}"
    expected = effective_class_names(brian2)[0]
    if expected == "ValueError" and "EquationError" in effective_class_names(brian2):
        expected = "SyntaxError"
    assert expected in effective_class_names(ranvier), (
        f"{name}: Ranvier raised {ranvier['chain'][0]['type']}: {ranvier['chain'][0]['message']!r}; "
        f"Brian2 raised {expected}")
    assert ranvier["chain"][0]["message"].strip(), "the error must say what is wrong"


def outcomes_under_both(oracle, cases):
    """``{name: (Brian2's outcome, Ranvier's outcome)}`` for a dict of named snippets, each run in a
    fresh namespace (Brian2 in the oracle's environment, Ranvier with the interpreter running the tests)."""
    import os
    import sys
    from pathlib import Path

    names = sorted(cases)
    snippets = [cases[name] for name in names]
    brian2 = oracle.brian2_snippet_outcomes(snippets)
    ranvier = oracle.run_snippets(Path(sys.executable), "ranvier", snippets, dict(os.environ, MPLBACKEND="Agg"))
    return {name: (b, r) for name, b, r in zip(names, brian2, ranvier)}
