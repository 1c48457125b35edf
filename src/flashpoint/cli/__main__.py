"""`python -m flashpoint.cli`, which tests and benchmarks run as a fresh process."""

import sys

from . import main

sys.exit(main())
