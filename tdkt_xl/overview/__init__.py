"""The round at a glance: where each unit's inspection stands (``status``),
for ``tdkt status`` and the master workbook's ``Tổng quan`` sheet.  Built from
the model plus what is cheap to know (the output folder's manifests, the
latest merge summary); it never reads a generated document."""
