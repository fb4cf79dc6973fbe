"""Use cases: explicit session, user and ids in, plain data out; no Flask here.

The HTML pages and the JSON API call the same functions.
"""
