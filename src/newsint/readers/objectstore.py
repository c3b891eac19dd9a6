"""Object-store inputs (s3://, gs://, abfs://, hdfs://, file://) through Arrow's filesystem layer.

A cluster reads its archive where it lives, not from a local disk: `newsint ingest
s3://bucket/2025/ --engine ray` walks the prefix like a folder and reads each object with the
same readers as a local file (WARC and JSONL streamed, the rest size-checked first). pyarrow's
filesystems do the talking (credentials from the usual environment: AWS_* variables, GCP
application credentials, …); pyarrow comes with the `newsint[ray]` extra.
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from newsint.config import Config
from newsint.errors import InputError, NotFound, ParseProblem, UnsupportedFormat
from newsint.model import Analysis
from newsint.readers.base import Link
from newsint.readers.decode import check_size, gunzip
from newsint.readers.jsonfile import read_jsonl_stream
from newsint.readers.warc import read_warc

Item = Analysis | Link | InputError
INSTALL = "pip install 'newsint[ray]' (it brings pyarrow)"


def is_store_uri(text: str, config: Config) -> bool:
    """An input naming an object store newsint reads through pyarrow ([ingest] store_schemes)."""
    return urlsplit(text).scheme.lower() in config.ingest.store_schemes


def _filesystem(uri: str) -> tuple[Any, str]:
    """(pyarrow filesystem, path inside it), or an InputError saying what to fix."""
    try:
        from pyarrow import fs
    except ImportError:
        raise UnsupportedFormat(
            uri, "reading object stores needs pyarrow, which is not installed", INSTALL
        ) from None
    try:
        return fs.FileSystem.from_uri(uri)
    except Exception as exc:  # pyarrow raises ArrowInvalid / OSError for bad or unknown URIs
        raise NotFound(
            uri,
            f"cannot open this object-store URI ({exc})",
            "check the URI and the store's credentials in the environment",
        ) from None


def _suffix(name: str) -> tuple[str, bool]:
    """(kind suffix, gzipped) of an object name: "a.warc.gz" -> (".warc", True)."""
    parts = [s.lower() for s in PurePosixPath(name).suffixes]
    zipped = bool(parts) and parts[-1] == ".gz"
    if zipped:
        parts = parts[:-1]
    return (parts[-1] if parts else ""), zipped


def expand_uri(uri: str, config: Config) -> Iterator[str | InputError]:
    """The objects under a URI prefix (walked like a folder, sorted), or the object itself."""
    from newsint.readers import wanted  # the folder walk's own filter

    try:
        filesystem, path = _filesystem(uri)
        from pyarrow import fs

        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.NotFound:
            raise NotFound(uri, "no such object or prefix", "check the URI")
        scheme = urlsplit(uri).scheme
        if info.type == fs.FileType.File:
            yield uri
            return
        found = sorted(
            f.path
            for f in filesystem.get_file_info(fs.FileSelector(path, recursive=True))
            if f.type == fs.FileType.File
            and not (
                config.ingest.skip_hidden
                and any(p.startswith(".") for p in PurePosixPath(f.path).relative_to(path).parts)
            )
            and wanted(f.base_name, config.ingest.suffixes)
        )
        if not found:
            raise NotFound(
                uri,
                "no article files under this prefix",
                f"newsint reads {', '.join(config.ingest.suffixes)} (and .gz)",
            )
        for p in found:
            yield f"{scheme}://{p}" if scheme != "file" else f"file://{p}"
    except InputError as err:
        yield err
    except OSError as exc:
        yield NotFound(uri, f"cannot list it ({exc})", "check the URI and the credentials")


def read_uri(uri: str, config: Config, skipped: Counter[str] | None = None) -> Iterator[Item]:
    """Read one object like a local file of the same kind (see readers.read_path)."""
    from newsint.readers import JSONL_SUFFIXES, WARC_SUFFIXES, read_bytes

    suffix, zipped = _suffix(urlsplit(uri).path)
    try:
        filesystem, path = _filesystem(uri)
        if suffix in WARC_SUFFIXES:  # streamed record by record; warcio reads .gz itself
            with filesystem.open_input_stream(path, compression=None) as stream:
                yield from read_warc(stream, uri, config, skipped)
            return
        if suffix in JSONL_SUFFIXES:  # streamed line by line: each article is limited
            with filesystem.open_input_stream(path, compression=None) as raw:
                buffered = io.BufferedReader(raw)  # Arrow streams read, but cannot readline
                stream = gzip.GzipFile(fileobj=buffered) if zipped else buffered
                yield from read_jsonl_stream(stream, uri, config)
            return
        check_size(filesystem.get_file_info(path).size or 0, uri, config.limits)
        with filesystem.open_input_stream(path, compression=None) as stream:
            data = stream.read()
    except InputError as err:
        yield err
        return
    except (OSError, EOFError) as exc:
        yield ParseProblem(
            uri,
            f"cannot read it to the end ({exc or type(exc).__name__})",
            "check the object and the credentials",
        )
        return
    if zipped:
        try:
            data = gunzip(data, uri, config.limits)
        except InputError as err:
            yield err
            return
    yield from read_bytes(data, uri, suffix or None, config, skipped=skipped)
