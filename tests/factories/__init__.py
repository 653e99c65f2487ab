"""Test data builders shared by the test suite (moved out of src: nothing in production uses them)."""
