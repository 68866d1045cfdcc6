"""Documentation generators: every figure in docs/ is rendered from artifacts/ at build time.

Run from the repository root with ``PYTHONPATH=docs .venv/bin/python -m tools.build``
(``make docs`` does this). See docs/tools/README.md for the moving parts.
"""
