"""Rules: each a small class that reads the document model and yields findings.

Codes by group (a letter and three digits):
  T1xx table arithmetic   X2xx cross-table equalities   S3xx document structure
  N4xx narrative vs tables   P5xx percentages   C6xx year-on-year changes
  G7xx 三公经费   U8xx units

Every module but ``base``, ``facts`` and ``_claims`` exports ``RULES`` (registered
by ``plugins/builtin.py``); ``disclint rules`` lists them and ``docs/rules.md`` is
generated from their metadata (``python -m disclint.rules.docs``).

Table arithmetic and structure (``rules.identities``, ``rules.structure``; the
identities themselves are catalog data, ``[[identities]]`` in catalog/data/*.toml;
``rules.facts`` resolves their fact references and knows which rows add up to which):
  T101 column-total     named_sum, class_sum, panel_sum, unit_sum: 合计/小计 = Σ rows
  T102 row-total        row_sum: per row, total column = Σ component columns
  T103 code-hierarchy   code_hierarchy: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项
  T104 economic-groups  group_sum: 301 工资福利支出 = Σ 30101..; 工资福利支出 = Σ its items
  T105 balance          equal within one table: 收入总计 = 支出总计
  X201 cross-table      equal between tables; rows_match: 类 rows of two tables
  S301 no-data-with-numbers   a 本表无数据 table that prints non-zero amounts
  S302 missing-table          a 目录 table absent from the body

The narrative (情况说明) against the tables and itself (``rules.narrative``,
``rules.shares``, ``rules.changes``, ``rules.sangong``, ``rules.units``; what they
share is in ``rules._claims``; subjects, their table facts and the narrative sums
are data, catalog/data/subjects.toml):
  N401 narrative-amount             an amount = the table cell it restates
  N402 narrative-repeated-quantity  one quantity stated twice, the same both times
  N403 narrative-sum                stated total = Σ its stated parts
  N404 narrative-fund-split         total = Σ its split by funding source
  P501 share-ratio      占X% = part / whole     P502 shares-sum       shares add to 100%
  P503 completion-rate  决算 / 预算              P504 execution-rate   执行数 / 预算数
  C601 change-amount-rate   增加X万元 and 增长Y% imply one prior-year value
  C602 change-prior-value   the change agrees with the stated prior-year value
  C603 change-direction     a change does not go both ways
  G701 sangong-item         each 三公经费 figure = the 三公 table
  U801 unit-error           元 written for 万元; amounts off by 10,000
  U802 performance-target-amount  绩效目标表 年度资金总额 (元) = the project table (万元)
"""
