"""The commands the Makefile runs: ``python -m cvbook build|check|live|pdf``."""
