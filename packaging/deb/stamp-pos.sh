#!/bin/sh
# The `stamp-pos` command: runs the self-contained bundle installed in /opt/stamp-pos.
exec /opt/stamp-pos/stamp-pos "$@"
