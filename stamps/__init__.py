"""Stamping rules and value objects: plain Python, no I/O, shared by the terminal and the
reference stamp service."""
