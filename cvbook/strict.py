"""The strict build's flags, defined once for `make book`, `make live` and the tests.

-W turns warnings into errors, -n warns about every broken reference, and --keep-going
lists all of them before the build fails instead of stopping at the first.
"""

BUILD_FLAGS = ("-W", "-n", "--keep-going")
