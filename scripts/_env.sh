# Shared by scripts/demo.sh and scripts/check.sh: create .venv and install the pinned
# dependencies when they are missing or requirements/dev.txt changed. Sourced, not run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py="${PYTHON:-python3}"
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "jingzhun needs Python 3.11 or newer (found: $("$py" --version 2>&1))" >&2
  exit 2
fi
stamp=".venv/.installed-$(sha256sum requirements/dev.txt pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Setting up .venv (pinned dependencies from requirements/dev.txt)…" >&2
  "$py" -m venv .venv
  pip_quiet() {  # the machine's pip config names absent local mirrors; drop those warnings
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" \
      2> >(grep -v '^WARNING: Location' >&2)
  }
  pip_quiet -r requirements/dev.txt
  pip_quiet --no-deps --no-build-isolation -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi
export PATH="$root/.venv/bin:$PATH"
