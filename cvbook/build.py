"""How the book is built, stated once for the Makefile, the tests and the bench.

``python -m cvbook.build`` prints the strict flags, for the Makefile to read.
"""

from __future__ import annotations

# Warnings fail the build (-W), every reference must resolve (-n), and all the
# problems of one run are reported before it fails (--keep-going).
STRICT_FLAGS = ("-W", "-n", "--keep-going")

if __name__ == "__main__":
    print(" ".join(STRICT_FLAGS))
