"""Answers: takes a question, its candidate Passages and the corpus's Claims.

Gives an Answer: the Passages to show and where sources agree or disagree on a figure.
"""
