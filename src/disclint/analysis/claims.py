"""Claims: the numbers of the narrative, each with what it is about and where it is."""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from decimal import Decimal

from disclint.grammar.claims import Item
from disclint.model import Location, Section, Sentence
from disclint.model.amounts import Stated
from disclint.model.patterns import YEAR_WORD

_LEADING_YEAR = re.compile(r"^\s*" + YEAR_WORD.pattern)  # 2024年度支出… quotes as 支出…

# kinds of claim
AMOUNT = "amount"  # 基本支出292.09万元
SHARE = "share"  # 占43.04%
CHANGE = "change"  # 比上年减少10.11万元 / 下降1.47%
COMPLETION = "completion"  # 完成年初预算的98.43%
EXECUTION = "execution"  # 预算执行率68.03%
SAME = "same"  # 与上年相同 / 持平

# roles of an amount: what the narrative says the number is
BUDGET = "budget"  # 年初预算 / 全年预算 / 预算数
FINAL = "final"  # 决算 / 支出决算
PRIOR = "prior"  # 与2022年预算42.52万元相比: last year's value


@dataclass(eq=False)
class Claim:
    """One number of the narrative.

    ``subject`` is the subject key from ``subjects.toml`` (``basic``, ``class``,
    ``sangong`` ...) or ``None`` when the words before the number name nothing
    known; ``code`` is the 类 code of a class subject. ``value`` is in 万元 for
    amounts (``written``/``unit`` keep what the text says) and in percent points
    for shares, rates and completion rates. ``anchor`` is the amount a share,
    change or completion rate qualifies; ``group`` the enumeration it belongs to.
    """

    id: int
    kind: str
    sentence: Sentence
    section: Section
    item: Item
    location: Location
    value: Stated | None = None
    written: Decimal | None = None
    unit: str | None = None
    subject: str | None = None
    subject_name: str | None = None
    subject_text: str = ""  # the words before the number, as written
    code: str | None = None  # 类 code of a class subject
    role: str | None = None  # budget | final | prior
    inherited: bool = False  # subject taken from the amount before it in the sentence
    anchor: "Claim | None" = None
    group: "ClaimGroup | None" = None
    direction: int = 0  # change: +1 增加, -1 减少
    is_rate: bool = False  # change stated as a percentage
    whole_text: str | None = None  # share: 占本年支出合计的 -> 本年支出合计
    keyword: str | None = None
    context: str = ""  # subject text + enumeration head + section headings
    in_statement: bool = True  # in the 情况说明 part (not glossary / attachments)
    non_table: str | None = None  # why this is not a table quantity, when it is not
    changes: list["Claim"] = field(default_factory=list)  # changes / same of this amount
    shares: list["Claim"] = field(default_factory=list)
    completions: list["Claim"] = field(default_factory=list)
    prior: "Claim | None" = None  # the last-year amount stated with it (与…相比)

    @property
    def heading(self) -> str:
        return self.section.heading

    @property
    def text(self) -> str:
        """The claim as written (the number with its keyword and unit)."""
        return self.item.text

    @property
    def quote(self) -> str:
        """The subject and the number, for messages: 基本支出292.09万元."""
        subject = _LEADING_YEAR.sub("", self.subject_text).strip() if self.kind == AMOUNT else ""
        if len(subject) > 24:
            subject = "…" + subject[-23:]
        return f"{subject}{self.item.text}".strip()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Claim({self.kind} {self.subject}/{self.role} {self.value and self.value.value} {self.quote!r})"


@dataclass(eq=False)
class ClaimGroup:
    """An enumeration: 其中：A X万元，占a%；B Y万元，占b%… under a head (the total)."""

    id: int
    head: Claim | None
    parts: list[Claim] = field(default_factory=list)
    marker: str = ""  # 其中 / 主要包括 / 主要用于以下方面 ...

    @property
    def shares(self) -> list[Claim]:
        return [s for p in self.parts for s in p.shares]
