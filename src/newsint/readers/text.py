"""Plain text: the page as scraped. Title and furniture are left for the clean stage to find."""

from __future__ import annotations

from newsint.config import Config
from newsint.model import Analysis
from newsint.readers.base import make_analysis
from newsint.readers.decode import decode


def read_text(
    data: bytes, where: str, config: Config, fmt: str = "txt", url: str | None = None
) -> Analysis:
    text, encoding = decode(data, where, config.limits)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return make_analysis(text, source=where, fmt=fmt, url=url, found={"encoding": encoding})
