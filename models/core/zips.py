"""The limits an uploaded zip is held to before anything in it is decompressed (an .xlsx is a zip too):
how many members, each member's declared size and compression ratio, and their total. Python's zipfile
stops a member at its declared size and then fails its CRC, so the declared sizes bound what reading
can produce: checking them is enough, and nothing is inflated to find out."""

import io
import zipfile
from collections import namedtuple

from models.core.errors import DomainError

MB = 1024 * 1024
# A member smaller than this cannot hurt whatever its ratio (an XML part of repeated tags compresses 50×).
RATIO_FROM = MB

ZipLimits = namedtuple("ZipLimits", "members member_bytes total_bytes ratio")


class ZipLimitError(DomainError):
    """code: unreadable / members / member_bytes / total_bytes / ratio; `limit` is the limit exceeded
    (a count, bytes, or the ratio), for the message to name."""

    def __init__(self, code, limit=None):
        super().__init__(code, limit)
        self.limit = limit


def _declared_count(data):
    """Members the end-of-central-directory record declares (None when it cannot say, as in Zip64),
    read before the central directory itself is parsed into objects."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return None
    count = int.from_bytes(data[end + 10 : end + 12], "little")
    return None if count == 0xFFFF else count


def open_checked(data, limits, opener=zipfile.ZipFile):
    """The archive (`opener` is zipfile.ZipFile or pyzipper.AESZipFile) once its declared sizes are
    within `limits`. Raises ZipLimitError."""
    declared = _declared_count(data)
    if declared is not None and declared > limits.members:
        raise ZipLimitError("members", limits.members)
    try:
        archive = opener(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ZipLimitError("unreadable")
    if len(infos) > limits.members:
        raise ZipLimitError("members", limits.members)
    total = 0
    for info in infos:
        if info.file_size > limits.member_bytes:
            raise ZipLimitError("member_bytes", limits.member_bytes)
        if info.file_size >= RATIO_FROM and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise ZipLimitError("ratio", limits.ratio)
        total += info.file_size
        if total > limits.total_bytes:
            raise ZipLimitError("total_bytes", limits.total_bytes)
    return archive
