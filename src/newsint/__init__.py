"""newsint: a sourced picture from a pile of news articles.

from newsint import analyze
result = analyze(open("page.txt").read(), published="2023-04-13")
print(result.to_json())
"""

from newsint.api import analyze, analyze_paths
from newsint.config import Config, load_config
from newsint.model import SCHEMA, Analysis

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Analysis", "Config", "__version__", "analyze", "analyze_paths", "load_config"]
