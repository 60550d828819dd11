from functools import lru_cache

import segno


@lru_cache(maxsize=256)
def qr_svg(url: str) -> str:
    """The join link as an inline SVG QR code (no image request, no third party)."""
    return segno.make(url, error="m").svg_inline(scale=6, dark="#1b2a33", light="#ffffff", border=2, omitsize=True)
