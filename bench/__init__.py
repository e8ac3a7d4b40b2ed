"""Benchmarks: commands that print figures. No timing lives in the test suite."""
