"""Claims: the numbers of the narrative, each typed by what it is about and where it is.

A claim has four dimensions, read from the words before its number (the words are
data: ``catalog/data/subjects.toml``):

* **subject**: the quantity (``basic``, ``sangong``, ``class`` with the code of its
  类/款/项 row ...), or None when the words name nothing known;
* **measure**: what kind of figure it is: an amount's 预算 / 年初预算 / 全年预算 /
  决算 / 执行数; a change amount or rate, a share, a completion or execution rate,
  a count (``MEASURE_OF`` for the kinds other than amounts);
* **period**: this year's figure or last year's (上年度, a year before the document's,
  the amount of 比上年预算X万元 or 与2022年预算X万元相比);
* **scope**: whose money: all funds (``ALL_FUNDS``, nothing said), 财政拨款, 一般公共预算,
  政府性基金, 国有资本经营 ... (:class:`disclint.analysis.vocabulary.Scope`).

With its unit and stated precision (``value``: a :class:`Stated` in 万元 that keeps the
places written), that is what the resolver matches against the catalog's facts: a claim
restates a table cell only when every dimension agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from disclint.analysis.vocabulary import ALL_FUNDS, ItemChain
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
COUNT = "count"  # 项目5个, 车辆7辆

# measures of an amount: what the narrative says the figure is
BUDGET = "budget"  # 预算 / 预算数 / 预算安排
INITIAL_BUDGET = "initial_budget"  # 年初预算
FULL_BUDGET = "full_budget"  # 全年预算 / 调整预算
FINAL = "final"  # 决算 / 支出决算
EXECUTED = "executed"  # 预算执行数
BUDGETS = (BUDGET, INITIAL_BUDGET, FULL_BUDGET)
# measures of the other kinds
CHANGE_AMOUNT = "change_amount"
CHANGE_RATE = "change_rate"
MEASURE_OF = {SHARE: "share", COMPLETION: "completion_rate", EXECUTION: "execution_rate", SAME: "no_change",
              COUNT: "count"}

# periods
CURRENT = "current"
PRIOR = "prior"  # last year's figure (also a claim's ``role``, see Claim.role)


@dataclass(eq=False, slots=True)  # slots: a long document has tens of thousands
class Claim:
    """One number of the narrative (see the module docstring for its dimensions).

    ``value`` is in 万元 for amounts (``written``/``unit`` keep what the text says) and
    in percent points for shares, rates and completion rates. ``anchor`` is the amount
    a share, change or rate qualifies; ``group`` the enumeration it belongs to;
    ``item`` the 类/款/项 chain it names (``code`` is then the row's code once placed,
    ``unplaced`` why it could not be). ``base_measure`` is what a change is measured
    from (比上年预算执行数 -> executed; None: last year's figure of the same measure).
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
    # -- what it is about
    subject: str | None = None
    subject_name: str | None = None
    subject_text: str = ""  # the words before the number, as written
    code: str | None = None  # 类 / 款 / 项 code of a class subject
    chain: ItemChain | None = None  # the 类/款/项 names, when the words name an item
    unplaced: str | None = None  # why the chain's row is not certain
    scope: str = ALL_FUNDS
    # -- which figure of it
    measure: str | None = None
    period: str = CURRENT
    base_measure: str | None = None
    # -- how it was read
    inherited: bool = False  # subject taken from another claim (the amount before it, its paragraph)
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
    prior: "Claim | None" = None  # last year's amount of the same subject, stated with it
    partner: "Claim | None" = None  # a change: the same change as a rate (增加X万元，增长Y%), or as an amount

    @property
    def heading(self) -> str:
        return self.section.heading

    @property
    def text(self) -> str:
        """The claim as written (the number with its keyword and unit)."""
        return self.item.text

    @property
    def role(self) -> str | None:
        """budget | final | prior: the measure and period in one word, as finding keys
        and messages name them (a share, change or rate: its amount's)."""
        if self.kind != AMOUNT:
            return self.anchor.role if self.anchor is not None else None
        if self.period == PRIOR:
            return PRIOR
        if self.measure in BUDGETS:
            return BUDGET
        if self.measure in (FINAL, EXECUTED):
            return FINAL
        return None

    @property
    def quote(self) -> str:
        """The subject and the number, for messages: 基本支出292.09万元."""
        subject = _LEADING_YEAR.sub("", self.subject_text).strip() if self.kind == AMOUNT else ""
        if len(subject) > 24:
            subject = "…" + subject[-23:]
        return f"{subject}{self.item.text}".strip()

    def about(self, other: "Claim") -> None:
        """Take what ``other`` is about (subject, 类/款/项 row, scope, context; not the
        measure or the period, which each claim states or takes on its own): the one
        way a claim inherits from the amount it qualifies or follows."""
        self.subject, self.subject_name, self.code = other.subject, other.subject_name, other.code
        self.chain, self.unplaced, self.scope = other.chain, other.unplaced, other.scope
        self.context, self.non_table = other.context, other.non_table
        if self.kind != AMOUNT and not self.subject_text:
            self.subject_text = other.subject_text
        self.inherited = True

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return (f"Claim({self.kind} {self.subject}:{self.code}/{self.measure}/{self.period}/{self.scope} "
                f"{self.value and self.value.value} {self.quote!r})")


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
