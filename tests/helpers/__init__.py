"""What the tests share, imported the same way everywhere (``from tests.helpers.x import y``):
builders of domain values, clients of the reference service, processes of the terminal and
the service, and a frozen clock."""
