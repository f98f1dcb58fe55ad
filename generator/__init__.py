"""tripreport: Taiwan government overseas-trip reports (公務出國報告) from YAML to Word and PDF."""

__version__ = "0.1.0"
