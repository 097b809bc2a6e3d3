import sys

from jingzhun.cli import main

sys.exit(main())
