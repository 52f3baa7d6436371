"""Economic groups printed more than once: each print owns the items printed after it, so
every item is checked once, against one group (issue 12, points 1 and 3: each print
claimed every item of its code or name, which gave false T104 errors and time and
memory quadratic in the prints)."""

from __future__ import annotations

from pathlib import Path

from builders import DocBuilder

from disclint.analysis import structure
from disclint.catalog import default_catalog
from disclint.linter.runner import Linter

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "consistent-budget.md"
B06 = "一般公共预算安排基本支出分经济科目表"


def test_an_economic_group_printed_again_owns_the_items_printed_after_it(tmp_path):
    """预算公开表6 of the example with a group and its item printed 30 times more, each
    print 0.45 over its own item: every group is the sum of its item, and no T104."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("奖励金\t")) + 1
    lines[at:at] = ["对个人和家庭的补助\t\t0.45\t0.45\t", "抚恤金\t社会福利和救助\t0.45\t0.45\t"] * 30
    path = tmp_path / "groups.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    linter = Linter()
    doc = linter.read(str(path))
    groups = structure.economic_groups(doc.table("B06"), linter.catalog)
    printed = [items for g, items in groups if g.label == "对个人和家庭的补助"]
    assert len(printed) == 31 and all(len(items) == 1 for items in printed)
    report, findings = linter.lint_file(str(path))
    assert report.skipped_rules == []
    assert [f for f in findings if f.rule == "T104"] == []


def test_items_go_to_the_print_of_their_group_code_printed_last_before_them():
    b = DocBuilder("budget")
    t = b.table("B06", B06, number="预算公开表6")
    t.columns("total", "personnel", "public")
    early = t.row("印刷费", "1.00", "", "1.00", code="30202")  # before any 302: goes to the first
    g1 = t.row("商品和服务支出", "3.00", "", "3.00", code="302")
    a = t.row("邮电费", "2.00", "", "2.00", code="30207")
    g2 = t.row("商品和服务支出", "5.00", "", "5.00", code="302")
    c = t.row("差旅费", "5.00", "", "5.00", code="30211")
    g3 = t.row("工资福利支出", "7.00", "7.00", "", code="301")
    d = t.row("津贴补贴", "7.00", "7.00", "", code="30102")
    groups = structure.economic_groups(b.build().table("B06"), default_catalog())
    assert groups == [(g1, [early, a]), (g2, [c]), (g3, [d])]


def test_items_named_under_a_group_printed_again_go_to_the_nearest_print_before_them():
    b = DocBuilder("budget")
    t = b.table("B06", B06, number="预算公开表6")
    t.columns("total", "personnel", "public")
    g1 = t.row("对个人和家庭的补助", "0.30", "0.30", "")
    a = t.row("生活补助", "0.30", "0.30", "", parent="对个人和家庭的补助")
    g2 = t.row("对个人和家庭的补助", "0.80", "0.80", "")
    c = t.row("医疗费补助", "0.80", "0.80", "", parent="对个人和家庭的补助")
    groups = structure.economic_groups(b.build().table("B06"), default_catalog())
    assert groups == [(g1, [a]), (g2, [c])]


def test_a_group_printed_once_keeps_every_item_of_its_code():
    """Side-by-side blocks unfolded into panels: a group's items may follow in another panel."""
    b = DocBuilder("budget")
    t = b.table("B06", B06, number="预算公开表6")
    t.columns("total", "personnel", "public")
    g = t.row("工资福利支出", "9.00", "9.00", "", code="301")
    a = t.row("基本工资", "4.00", "4.00", "", code="30101")
    other = t.row("商品和服务支出", "1.00", "", "1.00", code="302")
    c = t.row("绩效工资", "5.00", "5.00", "", code="30107")
    groups = structure.economic_groups(b.build().table("B06"), default_catalog())
    assert groups[0] == (g, [a, c]) and groups[1][0] is other
