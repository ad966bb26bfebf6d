"""The facts and the rules: what a position, a profile and a duration are, with no file or Sphinx in sight."""
