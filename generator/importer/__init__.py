"""`tripreport import`: an existing Word (.docx, .doc) or ODF (.odt) report into report.yaml
and photos/. Modules, in pipeline order:

- run: the command's steps (read, recognise, write everything at once), .doc through LibreOffice;
- package: the zip read safely (member count and sizes bounded, no entities, no network,
  macros refused); docx_reader / odt_reader: paragraphs and tables (items);
- outline: headings and numbered items (styles or typed labels) as a tree;
- state, front, records, recognise: the report's fields and blocks (cover, 提要, 摘要, 日程表;
  visit, conference, paper, course tables; chapters, lists, figures, recommendations, appendix);
  nstc: the 國科會 form (title, 日期, header table; its 發表題目 onto the paper blocks);
  parse: dates, times, labels;
- yamlout: YAML with `# 請確認` comments; photos: image files, upright."""

from __future__ import annotations

from .run import ImportSummary, import_report

__all__ = ["ImportSummary", "import_report"]
