"""Reading the owner's files: front matter in, a validated ``Book`` out (``loader.load_book``).

A mistake is a ``ContentError``: one line naming the file and the key, never a traceback.
"""
