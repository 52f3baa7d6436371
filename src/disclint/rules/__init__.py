"""Rules: each a small class that reads the document model and yields findings.

Codes by group (a letter and three digits):
  T1xx table arithmetic   X2xx cross-table equalities   S3xx document structure
  N4xx narrative vs tables   P5xx percentages   C6xx year-on-year changes
  G7xx 三公经费   U8xx units
"""
