"""Importing Docusaurus Markdown and plain text as posts, and exporting posts as Markdown.

``import_paths`` is what ``manage.py import_posts`` and ``load_demo`` call;
``export_posts`` is what ``manage.py export_posts`` calls.
"""

from blog_project.importing.errors import FileProblem, ImportFailed
from blog_project.importing.exporting import ExportReport, export_posts
from blog_project.importing.loading import import_paths
from blog_project.importing.report import FileOutcome, ImportReport

__all__ = [
    "ExportReport",
    "FileOutcome",
    "FileProblem",
    "ImportFailed",
    "ImportReport",
    "export_posts",
    "import_paths",
]
