"""Writing a card's URL to a blank NFC tag (NTAG / Type 2, or Type 3), checked by reading back.

The reader path must not be held by a running :class:`~hardware.nfc_reader.NfcReader`:
stop it while a store writes cards.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import nfc
import nfc.clf
import nfc.tag
import nfc.tag.tt2

from hardware import nfc_type2
from hardware.errors import TagWriteError
from hardware.nfc_reader import rdwr_targets
from hardware.nfc_tap import ndef_message

log = logging.getLogger(__name__)

WRITABLE_TYPES = ("Type2Tag", "Type3Tag")


@dataclass(frozen=True, slots=True)
class WriteResult:
    uid: str
    uri: str
    size: int  # bytes of NDEF message written


def write_uri(tag: nfc.tag.Tag, uri: str) -> WriteResult:
    """Write ``uri`` as the tag's only NDEF record, then read it back to compare.

    A Type 2 tag keeps its old link readable until the last page of the new one is written
    (``hardware.nfc_type2``); a Type 3 tag is rewritten in place, so one pulled away mid-write
    is left marked as being written and holds no link a reader accepts.
    """
    uid = bytes(tag.identifier).hex().upper()
    if getattr(tag, "TYPE", "") not in WRITABLE_TYPES:
        raise TagWriteError(
            "This kind of tag cannot be written here. Use NTAG213/215/216 stickers or cards "
            "(NFC Forum Type 2) or FeliCa Lite-S (Type 3)."
        )
    message = ndef_message(uri=uri)
    keeps_old = False
    try:
        tag_ndef = tag.ndef
        if tag_ndef is None:
            log.info("tag %s has no NDEF area; formatting it", uid)
            if not tag.format():
                raise TagWriteError("This tag cannot be prepared for a link. Use a blank NTAG tag.")
            tag_ndef = tag.ndef
        if tag_ndef is None:
            raise TagWriteError("This tag cannot be prepared for a link. Use a blank NTAG tag.")
        if not tag_ndef.is_writeable:
            raise TagWriteError("This tag is locked (read-only). Use a blank tag.")
        type2 = isinstance(tag, nfc.tag.tt2.Type2Tag)
        room = nfc_type2.capacity(tag) if type2 else tag_ndef.capacity
        if len(message) > room:
            raise TagWriteError(
                f"The link needs {len(message)} bytes but this tag holds only "
                f"{room}. Use a larger tag (NTAG215 or NTAG216)."
            )
        if type2:
            rewrite = nfc_type2.Rewrite(tag, message)
            keeps_old = rewrite.keeps_old
            rewrite.run()
        else:
            tag_ndef.octets = message
        tag_ndef.has_changed  # noqa: B018 - re-reads the tag, so .octets is what it now holds
        written = tag.ndef.octets if tag.ndef is not None else b""
    except nfc.tag.tt2.Type2TagCommandError as exc:
        if exc.errno == nfc.tag.tt2.INVALID_PAGE_ERROR:
            raise TagWriteError(
                "This tag refused the link: it is locked. Use a blank tag.") from exc
        raise _moved_away(keeps_old) from exc
    except (nfc.tag.TagCommandError, nfc.clf.CommunicationError) as exc:
        raise _moved_away(keeps_old) from exc
    if written != message:
        raise TagWriteError("The tag did not keep the link it was given. Try another tag.")
    log.info("wrote %d bytes to tag %s", len(message), uid)
    return WriteResult(uid, uri, len(message))


def _moved_away(keeps_old: bool) -> TagWriteError:
    if keeps_old:
        return TagWriteError("The tag was moved away before the new link was on it; it still "
                             "holds its old one. Hold it still and try again.")
    return TagWriteError("The tag was moved away while it was written and holds no link now. "
                         "Hold it still and write it again.")


def write_uri_to_next_tag(path: str, uri: str, timeout: float = 15.0) -> WriteResult:
    """Wait up to ``timeout`` seconds for a tag on the reader at ``path`` and write ``uri``."""
    deadline = time.monotonic() + timeout
    clf = nfc.ContactlessFrontend()
    try:
        if not clf.open(path):
            raise TagWriteError(f"No NFC reader found on '{path}'. Run 'stamp-pos devices'.")
    except OSError as exc:
        raise TagWriteError(f"The NFC reader on '{path}' cannot be opened: run "
                            "'stamp-pos devices' to see why.") from exc
    try:
        options: dict[str, Any] = {
            "targets": rdwr_targets(path),
            "on-connect": lambda _tag: False,  # hand the tag back to us
            "iterations": 1,
            "interval": 0.1,
            "beep-on-connect": False,
        }
        tag = clf.connect(rdwr=options, terminate=lambda: time.monotonic() > deadline)
        if not isinstance(tag, nfc.tag.Tag):
            raise TagWriteError(f"No tag was held to the reader within {timeout:.0f} seconds.")
        return write_uri(tag, uri)
    finally:
        clf.close()
