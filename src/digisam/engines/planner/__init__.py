"""Joint procurement planner (fælles udbudsplan): instances, plans, evaluator and solver.

Pure Python; never imports Django. Entry points: :func:`digisam.engines.planner.solver.solve`,
:func:`digisam.engines.planner.evaluator.evaluate` and the command line in
:mod:`digisam.engines.planner.cli`. See docs/planner.md.
"""
