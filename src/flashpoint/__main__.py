"""`python -m flashpoint` runs the same command line as the `flashpoint` script."""

import sys

from .cli import main

sys.exit(main())
