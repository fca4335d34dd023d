"""Files uploaded through the dashboard: checked (size, extension, content), given a safe name,
then loaded by exactly the code `embargo ingest` uses (`ingest_files`: same recognition,
validation, rejects, idempotency and atomic swap of the warehouse file).

An uploaded file's name comes from the browser and is not trusted: only its last component is
kept, reduced to letters, digits, dot, dash and underscore. Its bytes are written to a private
temporary folder, loaded, and the folder removed; the raw store keeps its own copy as for any
ingest.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from embargo import settings
from embargo.classification import Classification
from ingest.files import FileReport, ingest_files
from ingest.kit.loads import Loader

# The formats' files: CSV and text exports, workbooks (Excel, old Excel, OpenDocument), the
# sanctions list's XML and UCDP's GeoJSON.
EXTENSIONS = (".csv", ".txt", ".xlsx", ".xls", ".ods", ".xml", ".json", ".geojson")
DEFAULT_MAX_MEGABYTES = int(settings.BY_NAME["EMBARGO_UPLOAD_MAX_MB"].default)
# An .xlsx or .ods is a zip archive: refuse one that would unpack to more than this (zip bombs).
MAX_XLSX_UNPACKED_BYTES = 1 << 30
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    """One file as received from the browser."""

    name: str
    data: bytes


@dataclass(frozen=True)
class UploadResult:
    original_name: str
    safe_name: str
    sha256: str
    size_bytes: int
    report: FileReport | None  # None when refused before loading
    refusal: str = ""

    @property
    def status(self) -> str:
        return self.report.status if self.report else "refused"


def max_upload_bytes() -> int:
    return int(float(settings.value("EMBARGO_UPLOAD_MAX_MB") or DEFAULT_MAX_MEGABYTES) * 1_000_000)


def safe_file_name(name: str) -> str:
    """The last path component (either slash), unsafe characters replaced by '_', no leading
    dots, at most 120 characters with the extension kept."""
    base = re.split(r"[\\/]", name)[-1]
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    stem = _UNSAFE.sub("_", stem).strip("._") or "upload"
    extension = _UNSAFE.sub("", extension).lower()
    stem = stem[: 120 - len(extension) - 1]
    return f"{stem}.{extension}" if extension else stem


def name_problem(name: str) -> str:
    """Why a file name from the browser is refused: control characters (a NUL cuts the name
    short for the operating system) have no place in one."""
    if any(ord(character) < 32 or ord(character) == 127 for character in name):
        return "the file name holds a control character (such as NUL): rename the file"
    return ""


def content_problem(name: str, data: bytes) -> str:
    """Why the file cannot be loaded, or "" when it may go to the ingest."""
    extension = Path(name).suffix.lower()
    if extension not in EXTENSIONS:
        return f"only {', '.join(EXTENSIONS)} files are accepted, not '{extension or name}'"
    if not data:
        return "the file is empty"
    if len(data) > max_upload_bytes():
        return (
            f"the file has {len(data):,} bytes, more than the limit of {max_upload_bytes():,} "
            "(EMBARGO_UPLOAD_MAX_MB)"
        )
    if extension == ".xlsx":
        return _xlsx_problem(data)
    if extension == ".ods":
        return _zip_problem(data, "an OpenDocument spreadsheet", "content.xml")
    if extension == ".xls":
        if not data.startswith(b"\xd0\xcf\x11\xe0"):
            return "the file is not an Excel 97-2003 workbook (.xls)"
        return ""
    if b"\x00" in data[:65536] and not data.startswith(UTF16_BOMS):
        return "the file is not text (it holds NUL bytes): save it as CSV, XLSX, XML or JSON"
    return ""


def _xlsx_problem(data: bytes) -> str:
    if not data.startswith(b"PK\x03\x04"):
        return "the file is not an Excel workbook (.xlsx is a zip archive)"
    return _zip_problem(data, "an Excel workbook", "xl/workbook.xml")


def _zip_problem(data: bytes, kind: str, required: str) -> str:
    """Why a workbook kept in a zip archive (.xlsx, .ods) is refused: not a zip, damaged, without
    its main part, or unpacking to more than MAX_XLSX_UNPACKED_BYTES (a zip bomb)."""
    if not data.startswith(b"PK\x03\x04"):
        return f"the file is not {kind} (a zip archive)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        return f"the workbook is damaged: {error}"
    if required == "xl/workbook.xml" and "[Content_Types].xml" not in names:
        names = set()
    if required not in names:
        return f"the archive is not {kind} (no {required})"
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        return f"the workbook would unpack to {unpacked:,} bytes, more than allowed"
    return ""


def load_uploads(
    db_path: Path,
    uploads: Sequence[Upload],
    format_name: str | None = None,
    clearance: Classification | None = None,
    loaded_by: Loader | None = None,
) -> list[UploadResult]:
    """Check every file, then load the acceptable ones together through `ingest_files`, as
    `loaded_by` (the signed-in uploader); with the uploader's `clearance`, a file whose rows are
    classified above it is refused."""
    results: dict[int, UploadResult] = {}
    accepted: list[tuple[int, Path]] = []
    with tempfile.TemporaryDirectory(prefix="embargo-upload-") as folder:
        used: set[str] = set()
        for index, upload in enumerate(uploads):
            safe = safe_file_name(upload.name)
            while safe in used:
                stem, dot, extension = safe.rpartition(".")
                safe = f"{stem}-{index + 1}.{extension}" if dot else f"{safe}-{index + 1}"
            used.add(safe)
            digest = hashlib.sha256(upload.data).hexdigest()
            problem = name_problem(upload.name) or content_problem(safe, upload.data)
            result = UploadResult(upload.name, safe, digest, len(upload.data), None, problem)
            results[index] = result
            if not problem:
                path = Path(folder) / safe
                path.write_bytes(upload.data)
                accepted.append((index, path))
        if accepted:
            reports = ingest_files(
                db_path,
                [path for _, path in accepted],
                format_name,
                clearance=clearance,
                loaded_by=loaded_by,
            )
            for (index, _), report in zip(accepted, reports, strict=True):
                earlier = results[index]
                results[index] = UploadResult(
                    earlier.original_name,
                    earlier.safe_name,
                    earlier.sha256,
                    earlier.size_bytes,
                    report,
                    report.message if report.status == "refused" else "",
                )
    return [results[index] for index in range(len(uploads))]
