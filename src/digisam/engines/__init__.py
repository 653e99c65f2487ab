"""Pure-Python computational engines of digisam.

Engines never import Django (or Django REST framework): they work on plain data
classes and files so that they can be tested, benchmarked and run from the command
line without a database or settings. The import-linter contract in pyproject.toml
enforces this.
"""
