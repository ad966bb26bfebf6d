"""Development tooling for the book (not part of the book's logic, which lives in ``cvbook``)."""
