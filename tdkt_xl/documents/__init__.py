"""Official documents of an inspection round (issue 4): Quyết định thành lập Đoàn
kiểm tra, Thông báo lịch kiểm tra (per unit and combined), Biên bản kiểm tra.

- ``service.generate_documents(source, out_dir, kinds=…, unit=…, pdf=…, force=…)``: the job
- ``contexts``: pure ``Round`` -> dict builders (``build_context``, ``common_context``)
- ``render``: the one DOCX renderer, parse-once docxtpl templates (``load_template(...)
  .render_bytes(context, marker)``, ``Chart`` for native charts); the report uses it too
- ``output``: safe file names and the edit-protecting manifest
- ``nd30_check.check_docx``: the Nghị định 30/2020 layout checker
- ``make_templates``: builds ``templates/*.docx`` (run once, output committed)
"""
