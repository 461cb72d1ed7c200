"""Claims: takes sentences (of Articles at index time, of a question at ask time).

Gives Claims — figures with what they count, hedge and authority — and what a question asks.
"""
