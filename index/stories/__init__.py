"""Stories: takes a generation's Articles (their vectors, named entities and dates).

Gives Stories — the Articles that report one event — so figures are compared within one.
"""
