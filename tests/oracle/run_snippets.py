"""Run short Brian2-syntax snippets under a backend and report what each one raised, as JSON.

Usage: python run_snippets.py --backend {brian2,ranvier} --out outcomes.json < snippets.json

Input: a JSON list of code strings, written without the import line (it is added for the backend).
Output: a JSON list with one outcome per snippet:
    {"raised": false}
    {"raised": true, "chain": [{"type", "bases", "message", "formatted"}, ...]}
where `chain` starts with the exception that escaped and follows __cause__/__context__, `bases` are
the names of the exception's classes (its MRO), and `formatted` is Python's own one-exception
rendering (for a SyntaxError it shows the offending line and the caret).
Each snippet runs in a fresh namespace after start_scope(), like a new script.
"""

import argparse
import gc
import json
import sys
import traceback


def describe(error: BaseException) -> dict:
    return {
        "type": type(error).__name__,
        "bases": [cls.__name__ for cls in type(error).__mro__],
        "message": str(error),
        "formatted": "".join(traceback.format_exception_only(type(error), error)),
    }


def exception_chain(error: BaseException) -> list:
    chain, seen = [], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        chain.append(describe(error))
        error = error.__cause__ or error.__context__
    return chain


def run_snippet(code: str, backend: str) -> dict:
    namespace = {"__name__": "__main__"}
    prologue = f"from {backend} import *\nstart_scope()\n"
    if backend == "brian2":
        prologue += "prefs.codegen.target = 'numpy'\n"
    try:
        exec(prologue, namespace)
    except BaseException as error:  # an import failure is reported like any other outcome
        return {"raised": True, "chain": exception_chain(error), "in_prologue": True}
    try:
        exec(compile(code, "<snippet>", "exec"), namespace)
    except BaseException as error:
        return {"raised": True, "chain": exception_chain(error)}
    finally:
        namespace.clear()
        gc.collect()
    return {"raised": False}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("brian2", "ranvier"), required=True)
    parser.add_argument("--out", required=True, help="where to write the outcomes (stdout is the snippets')")
    args = parser.parse_args()
    snippets = json.load(sys.stdin)
    outcomes = [run_snippet(code, args.backend) for code in snippets]
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(outcomes, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
