"""planning: see the app docstring in models."""
