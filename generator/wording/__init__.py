"""The words both outputs print: dates, numbering labels, headings, generated lines, plain text."""
