"""Ready to issue: read a round's generated files back and say, per document,
what would make a văn thư (records clerk) send it back.

- ``codes``: the stable problem codes (RSxx), listed by ``tdkt codes``.
- ``reading``: the text of a DOCX (paragraphs, table rows) and an XLSX's marker.
- ``identify``: which kind of document a file is, and for which unit (hidden
  marker first, then its content), so a renamed file is still recognised.
- ``facts``: what a document states (dates, deadlines, roles, placeholders).
- ``examples``: the shipped example round's values (names, phones…).
- ``checks``: one function per kind of problem.
- ``service``: ``check_round(workbook, docs_dir, appendices=None)``.
"""
