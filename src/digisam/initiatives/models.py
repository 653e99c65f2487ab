"""initiatives: see the app docstring in models."""
