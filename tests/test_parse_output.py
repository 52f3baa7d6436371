"""`disclint parse` shows the narrative's claims with the reason a claim did not resolve
(an unresolved claim is falsy, so the reason must not be lost on a truth test)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from disclint.cli import cli


def test_parse_shows_why_a_claim_did_not_resolve(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("# 三、支出预算情况说明\n\n某某杂项支出5.00万元；授予中小企业合同金额0万元。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(doc)])
    assert result.exit_code == 0, result.output
    claims = {c["text"]: c for c in json.loads(result.stdout)["claims"]}
    odd, sme = claims["5.00万元"], claims["0万元"]
    assert odd["fact"] is None and "no known subject" in odd["unresolved"] and odd["table_quantity"]
    assert sme["fact"] is None and "not a table quantity" in sme["unresolved"] and not sme["table_quantity"]
    assert "coverage" in json.loads(result.stdout)


def test_parse_names_the_path_once_in_a_read_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", str(empty)])
    assert result.exit_code == 2
    assert result.stderr.count(str(empty)) == 1, result.stderr
