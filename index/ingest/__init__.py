"""Ingest: takes a corpus folder of news files.

Gives Articles (text, outlet, title, date) without page furniture, cut into quotable Chunks.
"""
