"""Plain text: the page as scraped. Title and furniture are left for the clean stage to find."""

from __future__ import annotations

from newsint.config import Config
from newsint.model import Analysis
from newsint.readers.base import make_analysis
from newsint.readers.decode import decode_bytes


def read_text(
    data: bytes,
    where: str,
    config: Config,
    fmt: str = "txt",
    url: str | None = None,
    charset: str | None = None,
) -> Analysis:
    """`charset`: what the server declared (HTTP Content-Type), if anything."""
    decoded = decode_bytes(data, where, config.limits, declared=charset)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    found = {"encoding": decoded.encoding}
    if decoded.warning:
        found["warning"] = decoded.warning
    return make_analysis(text, source=where, fmt=fmt, url=url, found=found)
