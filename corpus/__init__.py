"""Corpus layer: read input files, decode, clean, read metadata, report, store."""
