"""Store: takes Articles and their Chunks, Claims and vectors.

Gives index generations in Chroma (built beside the active one, then swapped in) to search.
"""
