"""Rules: each a small class that reads a document and its analysis and yields findings.

A rule (:class:`disclint.rules.base.Rule`) declares its metadata as class attributes
(code, name, summary, rationale, example, groups); each family lives in one module and
exports ``RULES``; :mod:`disclint.rules.registry` lists them all, with the families
(the letter of a code), and :mod:`disclint.rules.docs` renders their documentation
(``disclint rules --format markdown`` writes docs/rules.md, ``disclint explain CODE``).

The rules only read: the tables, the narrative's claims and the identity checks are
computed once per document by :mod:`disclint.analysis` and reach every rule as
``ctx.analysis``.
"""
