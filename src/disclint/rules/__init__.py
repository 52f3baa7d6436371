"""Rules: each a small class that reads the document model and yields findings.

Codes by group (a letter and three digits):
  T1xx table arithmetic   X2xx cross-table equalities   S3xx document structure
  N4xx narrative vs tables   P5xx percentages   C6xx year-on-year changes
  G7xx 三公经费   U8xx units

Table arithmetic and structure (``rules.identities``, ``rules.structure``; the
identities themselves are catalog data, ``[[identities]]`` in catalog/data/*.toml):
  T101 column-total     named_sum, class_sum, panel_sum, unit_sum: 合计/小计 = Σ rows
  T102 row-total        row_sum: per row, total column = Σ component columns
  T103 code-hierarchy   code_hierarchy: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项
  T104 economic-groups  group_sum: 301 工资福利支出 = Σ 30101..; 工资福利支出 = Σ its items
  T105 balance          equal within one table: 收入总计 = 支出总计
  X201 cross-table      equal between tables; rows_match: 类 rows of two tables
  S301 no-data-with-numbers   a 本表无数据 table that prints non-zero amounts
  S302 missing-table          a 目录 table absent from the body
"""
