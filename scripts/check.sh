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
step "Spark (pyspark and a Java runtime for tests/engine/columnar/test_spark.py)"
spark_stamp=".venv/.spark-$(sha256sum requirements/spark.txt | cut -c1-16)"
if [ ! -f "$spark_stamp" ]; then
  if python -m pip install --quiet --disable-pip-version-check -r requirements/spark.txt \
    2> >(grep -v '^WARNING: Location' >&2); then
    touch "$spark_stamp"
  else
    echo "pyspark could not be installed: the Spark test will skip" >&2
  fi
fi
if ! command -v java > /dev/null && command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq default-jre-headless > /dev/null \
    || echo "no Java runtime could be installed: the Spark test will skip" >&2
fi
step "pytest"
python -m pytest -rs "$@"
