"""The fuzzing suite (issue 12, point 6): generated text documents, model documents
for every rule, damaged examples and corpus documents, damaged and hostile PDFs, and
the regression tests of the crashes it found.

The normal test run tries a few hundred inputs (the same ones every time); the long
profile explores at least 10,000::

    DISCLINT_FUZZ=long python -m pytest tests/fuzz
"""
