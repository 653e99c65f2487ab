"""portfolio: see the app docstring in models."""
