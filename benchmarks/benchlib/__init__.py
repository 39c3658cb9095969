"""Helpers of benchmarks/run.py: processes and their timing, the benchmark cases, the report."""
