"""The one composition root: the command line, settings loading, and the wiring of the
terminal, the sync engine, the devices and the demo. Nothing imports this package."""
