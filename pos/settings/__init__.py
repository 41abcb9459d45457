"""The terminal's settings: each declared once (config.py), the file and environment they are
read from, and the secrets kept in the keyring (secrets.py)."""
