"""The course compiler: Markdown and YAML in, a compiled catalogue out. Pure Python.

This package imports neither Flask nor SQLAlchemy (a test proves it).
"""
