"""Regenerates the model-derived part of the fuzzing seed corpus (Tests/Fuzz/corpus/model-*).

Every string constant of the project's model scripts (tests/models/*.py) becomes one seed file:
equations, thresholds, resets, on_pre/on_post code, connect conditions and generators. Hand-written
tricky inputs (tricky-*) are kept as they are. Usage: python3 Tests/Fuzz/make_corpus.py
"""

import ast
import hashlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Tests" / "Fuzz" / "corpus"


def model_strings():
    for script in sorted((ROOT / "tests" / "models").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                # Docstrings and messages are prose, not model code.
                if len(node.value) < 2000 and not node.value.strip().endswith("."):
                    yield node.value


def main():
    for old in CORPUS.glob("model-*"):
        old.unlink()
    seeds = sorted(set(model_strings()))
    for text in seeds:
        name = "model-" + hashlib.sha1(text.encode()).hexdigest()[:10]
        (CORPUS / name).write_text(text, encoding="utf-8")
    print(f"{len(seeds)} model seeds in {CORPUS}")


if __name__ == "__main__":
    main()
