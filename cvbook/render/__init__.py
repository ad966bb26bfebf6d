"""What is made from a ``Book``: cv.pdf, resume.json, JSON-LD, the link card, robots.txt, charts and tables."""
