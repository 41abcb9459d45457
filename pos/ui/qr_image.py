"""A QR code as a QImage, drawn from the ``qrcode`` library's module matrix (no PIL needed)."""

from __future__ import annotations

import qrcode

from pos.ui.qt import QColor, QImage, QPainter, QRect, Qt


def qr_image(text: str, size: int = 480, border: int = 4) -> QImage:
    """Black modules on white, scaled to about ``size`` pixels, crisp (whole pixels a module)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    scale = max(1, size // modules)
    image = QImage(modules * scale, modules * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRect(x * scale, y * scale, scale, scale))
    painter.end()
    return image
