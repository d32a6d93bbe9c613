"""No lost edits: noticing that a post changed since an editor opened it, and showing how.

The admin form carries the id of the post's newest revision when it was opened. On save the
post's row is locked and the newest revision compared with it; when they differ another save
came in between, and the form shows what it changed instead of overwriting it.
"""

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from posts.models import Post

# The post's own columns an editor writes in the admin form (which adds the authors and tags):
# the fields a conflict and a comparison of revisions report, in form order.
COMPARED_FIELDS = (
    "title",
    "slug",
    "language",
    "body",
    "status",
    "publish_at",
    "unlisted",
    "description",
    "keywords",
    "cover_image",
    "cover_alt",
    "hide_toc",
    "toc_min_level",
    "toc_max_level",
)


def newest_revision_id(post_id: int) -> int | None:
    """The id of the post's newest revision (None for a post without one)."""
    history = Post.history.filter(id=post_id).order_by("-history_date", "-history_id")
    return history.values_list("history_id", flat=True).first()


@dataclass(frozen=True)
class Conflict:
    """Another save since the form was opened: who, when, which fields, and the body's diff."""

    newest_id: int
    changed_by: str
    changed_at: datetime
    fields: tuple[str, ...]
    body_diff: SafeString


def find_conflict(post_id: int, opened_id: int | None) -> Conflict | None:
    """The conflict with the revision the editor opened (``opened_id``), if the post has a
    newer one. Call inside the save's transaction, after locking the row."""
    if transaction.get_connection().in_atomic_block:
        Post.objects.select_for_update().filter(pk=post_id).values_list("pk").first()
    newest_id = newest_revision_id(post_id)
    if newest_id is None or newest_id == opened_id:
        return None
    history = Post.history.select_related("history_user")
    newest = history.get(history_id=newest_id)
    opened = history.filter(id=post_id, history_id=opened_id).first()
    fields = tuple(
        name
        for name in COMPARED_FIELDS
        if opened is None or getattr(opened, name) != getattr(newest, name)
    )
    user = newest.history_user
    return Conflict(
        newest_id=newest_id,
        changed_by=(user.get_full_name() or user.get_username()) if user else "",
        changed_at=newest.history_date,
        fields=fields,
        body_diff=body_diff(opened.body if opened else "", newest.body),
    )


def body_diff(old: str, new: str, *, context: int = 2) -> SafeString:
    """A readable diff of two bodies: changed paragraphs (lines) with ``context`` lines around,
    removed ones in <del>, added ones in <ins>; words that changed inside a paragraph marked."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    rows: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if rows:
            rows.append('<li class="diff-gap" aria-hidden="true">…</li>')
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(_row("same", line) for line in old_lines[i1:i2])
            else:
                rows.extend(_changed_rows(old_lines[i1:i2], new_lines[j1:j2]))
    if not rows:
        return mark_safe("")
    return mark_safe(f'<ol class="body-diff">{"".join(rows)}</ol>')


def _changed_rows(old: list[str], new: list[str]) -> list[str]:
    """Changed lines: a pair that is mostly the same shows its changed words; the rest whole."""
    rows: list[str] = []
    for before, after in zip(old, new, strict=False):
        if difflib.SequenceMatcher(None, before, after, autojunk=False).ratio() >= 0.5:
            rows.extend(_word_rows(before, after))
        else:
            rows.extend([_row("removed", before), _row("added", after)])
    pairs = min(len(old), len(new))
    rows.extend(_row("removed", line) for line in old[pairs:])
    rows.extend(_row("added", line) for line in new[pairs:])
    return rows


def _row(kind: str, line: str) -> str:
    text = escape(line) or "&nbsp;"
    if kind == "removed":
        text = f"<del>{text}</del>"
    elif kind == "added":
        text = f"<ins>{text}</ins>"
    return format_html('<li class="diff-{}">{}</li>', kind, mark_safe(text))


def _word_rows(before: str, after: str) -> list[str]:
    """One changed paragraph as its old and new line, the changed words marked in each."""
    old_words, new_words = before.split(" "), after.split(" ")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    old_out, new_out = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part = escape(" ".join(old_words[i1:i2]))
        new_part = escape(" ".join(new_words[j1:j2]))
        if tag == "equal":
            old_out.append(old_part)
            new_out.append(new_part)
            continue
        if old_part:
            old_out.append(f"<del>{old_part}</del>")
        if new_part:
            new_out.append(f"<ins>{new_part}</ins>")
    return [
        f'<li class="diff-removed">{" ".join(old_out)}</li>',
        f'<li class="diff-added">{" ".join(new_out)}</li>',
    ]
