"""Indexing: the write pipeline, from a corpus folder to an active index generation.

Drives the stages below it — ingest (Articles), chunking, claims, stories — and writes what
they give through the store, which only reads and writes Chroma, the Chunk table and the
lexical index.
"""
