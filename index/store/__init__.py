"""Store: the persistence adapter — the embedding model, Chroma, the Chunk table and the
lexical index.

Reads and writes index generations (made beside the active one, then swapped in) and gives
them to search; what goes into a generation is decided by `indexing/`, above it.
"""
