"""``python -m jingzhun``: the command line (see :func:`jingzhun.cli.main`)."""

import sys

try:
    from jingzhun.cli import main
except KeyboardInterrupt:  # Ctrl-C while the package is still being imported
    print("jingzhun: 已中断 / interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
