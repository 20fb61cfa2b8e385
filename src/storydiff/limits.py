"""The limits every front end applies by default, in one place (the CLI's compare and the web server).

A module of its own, without imports, so that ``storydiff --help`` does not load the library to print them.
"""

MAX_SENTENCES = 600
"""Sentences per version accepted by default: alignment and the change model grow with the square of the
sentences, and a long news story has a few hundred."""
TIMEOUT_S = 30.0
"""Seconds one comparison may take by default: the long benchmark pair takes 0.5 s."""
