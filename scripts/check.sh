#!/usr/bin/env bash
# Run every check: tests (with doctests and docs examples), mypy --strict, ruff,
# the strict docs build, and the examples.
source "$(dirname "$0")/_env.sh"
step() { printf '\n== %s\n' "$*"; }
step "ruff"
ruff check src tests examples benchmarks docs
ruff format --check src tests examples benchmarks docs
step "mypy --strict"
mypy --strict
step "docs (generated reference pages, then mkdocs build --strict)"
python docs/gen_reference.py --check
mkdocs build --strict --quiet --site-dir "$(mktemp -d)"
step "examples"
for ex in examples/*.py; do echo "-- $ex"; python "$ex" > /dev/null; done
step "pytest"
python -m pytest "$@"
