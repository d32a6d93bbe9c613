"""Importing Docusaurus Markdown and plain text as posts, and exporting posts as Markdown.

``import_paths`` is what ``manage.py import_posts`` and ``load_demo`` call;
``export_posts`` is what ``manage.py export_posts`` calls.
"""

from posts.importing.errors import FileProblem, ImportFailed
from posts.importing.exporting import ExportReport, export_posts
from posts.importing.loading import import_paths
from posts.importing.report import FileOutcome, ImportReport

__all__ = [
    "ExportReport",
    "FileOutcome",
    "FileProblem",
    "ImportFailed",
    "ImportReport",
    "export_posts",
    "import_paths",
]
