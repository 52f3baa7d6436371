"""Where the shared corpus is: ``../shared/corpus`` beside the checkout (read in place,
never copied into the project). Tests that read it carry the ``corpus`` marker and are
skipped, with the reason, when it is not there (a clone on its own)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TEXT = CORPUS / "text"
PDF = CORPUS / "pdf"
TEXT_DOCS = sorted(TEXT.glob("*.txt")) if TEXT.is_dir() else []
PDF_DOCS = sorted(PDF.glob("*.pdf")) if PDF.is_dir() else []
AVAILABLE = bool(TEXT_DOCS or PDF_DOCS)
MISSING_REASON = f"the shared corpus is not beside the checkout ({CORPUS})"


def ids(paths) -> list[str]:
    return [p.name for p in paths]
