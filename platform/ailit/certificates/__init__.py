"""Certificates: readable codes, signing keys, Open Badges 3.0 credentials and PDF certificates.

This package sits beside ``ailit.services``: it knows nothing of Flask or of the database and
works on plain data, so the web app, the command line and the benchmarks share it.
"""
