"""The reference stamp service: Fintiv Digital Stamp API v2, vvd.bz create and the Stamps.co.id
Membership API over HTTP, backed by SQLite. Stamping follows :mod:`stamps`, the same rules the
terminal applies offline."""
