"""economy: see the app docstring in models."""
