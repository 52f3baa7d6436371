"""What every reader hands to the table assembler: a table as printed.

Text and PDF readers differ in how they find cells (a lark grammar over layout
text, pdfplumber's table finder); from here on a table is the same thing:
a title, header lines, and rows of cell strings with their locations.
``disclint.readers.assemble`` maps a RawTable onto its catalog spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from disclint.model import Location


@dataclass
class RawCell:
    text: str  # normalised (NFKC, OCR noise inside numbers repaired)
    location: Location


@dataclass
class RawRow:
    cells: list[RawCell]
    location: Location  # of the row's first line
    indent: int = 0  # leading indentation (project rows under their unit), when known
    # The row prints its non-blank cells only (text that drops empty cells): which
    # column a value stands in is not printed; ``assemble`` places the values by the
    # catalog's identities (``readers.assemble.dense``).
    dense: bool = False

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class RawTable:
    title: str
    location: Location  # of the title
    number: str | None = None  # 预算公开表3 / 公开03表
    unit: str | None = None  # from 单位：万元
    header: list[list[str]] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 注：... / 说明：本表无数据

    @property
    def is_empty(self) -> bool:
        """No unit line, header, row or note: the title names a table without printing one
        (a title with its 单位 line began a table, whose rows are then missing)."""
        return not (self.unit or self.header or self.rows or self.notes)
