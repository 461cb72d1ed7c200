"""Render: takes Answers, reports and listings.

Gives the terminal's text and the JSON contract other tools parse (`ask --json`).
"""
