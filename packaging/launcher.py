"""PyInstaller's entry script: the frozen ``stamp-pos`` runs the same ``main`` as the console
script ``pos.app.cli:main``, so the bundle and a virtualenv install accept the same commands."""

from pos.app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
