"""Full-text search: PostgreSQL's Dutch configuration where available, a plain fallback elsewhere.

On PostgreSQL each post stores a weighted ``tsvector`` (title A, tags and sources B, body C) in
``Post.search_vector``, GIN-indexed; queries match word prefixes after Dutch stemming, so
``soeverein`` finds ``Soevereiniteit``, and results are ranked with highlighted snippets. SQLite
has no such engine: there every word must occur (case-insensitively) in the title, body, tags or
sources, newest first.
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.utils.safestring import SafeString, mark_safe

from posts.extensions import extensions
from posts.models import Post

CONFIG = "dutch"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _vector(title: str, extra: str, body_text: str) -> SearchVector:
    """The weighted vector of these texts: given as values, so one UPDATE can store it beside
    the columns it is made of."""
    return (
        SearchVector(Value(title), weight="A", config=CONFIG)
        + SearchVector(Value(extra), weight="B", config=CONFIG)
        + SearchVector(Value(body_text), weight="C", config=CONFIG)
    )


def index_post(post) -> None:
    """Refreshes what search knows of ``post`` beyond its own text: its tags, and what the
    apps built on posts add (the registered sources it cites), in one statement."""
    terms = [*post.tags.values_list("name", flat=True)]
    for contribute in extensions.search_terms:
        terms.extend(contribute(post))
    post.search_extra = " ".join(terms)
    columns: dict = {"search_extra": post.search_extra}
    if _uses_postgres():
        columns["search_vector"] = _vector(post.title, post.search_extra, post.body_text)
    Post.objects.filter(pk=post.pk).update(**columns)


def query_words(query: str) -> list[str]:
    return _WORD.findall(query.casefold())[:MAX_WORDS]


# Ranking reads each candidate's vector: rank the newest matches only, so a word that occurs in
# half of 100,000 articles costs no more than a rare one.
MAX_RESULTS = 500


@dataclass(frozen=True)
class SearchResults:
    words: list[str]
    posts: QuerySet
    tsquery: SearchQuery | None = None

    def with_snippets(self, posts: list) -> list:
        """``posts`` (one page of results) with their ``snippet``, in one query."""
        if not posts:
            return posts
        rows = Post.objects.filter(pk__in=[post.pk for post in posts])
        texts = dict(rows.values_list("pk", "body_text"))
        for post in posts:
            post.snippet = snippet(texts.get(post.pk, ""), self.words)
        return posts


def search(queryset: QuerySet, query: str) -> SearchResults:
    """Posts of ``queryset`` matching every word of ``query``, best first (among the
    ``MAX_RESULTS`` newest matches)."""
    words = query_words(query)
    if not words:
        return SearchResults(words, queryset.none())
    if _uses_postgres():
        tsquery = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config=CONFIG
        )
        newest = queryset.filter(search_vector=tsquery).order_by("-publish_at")
        posts = (
            queryset.filter(pk__in=newest.values("pk")[:MAX_RESULTS])
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-rank", "-publish_at")
        )
        return SearchResults(words, posts, tsquery)
    condition = Q()
    for word in words:
        condition &= (
            Q(title__icontains=word)
            | Q(body_text__icontains=word)
            | Q(search_extra__icontains=word)
        )
    newest = queryset.filter(condition).order_by("-publish_at")
    posts = queryset.filter(pk__in=newest.values("pk")[:MAX_RESULTS]).order_by("-publish_at")
    return SearchResults(words, posts)


def _word_pattern(words: list[str]) -> re.Pattern:
    """Whole words that start with one of ``words`` (the search matches prefixes)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.I)


def _highlight(text: str, words: list[str]) -> str:
    pattern = _word_pattern(words)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [html.escape(text[last : match.start()]), f"<mark>{html.escape(match[0])}</mark>"]
        last = match.end()
    return "".join([*pieces, html.escape(text[last:])])


def snippet(text: str, words: list[str], width: int = 240) -> SafeString:
    """An escaped excerpt of ``text`` around the first matched word (words match as prefixes,
    as the search does), cut at word boundaries, with the matched words in ``<mark>``."""
    body = text
    found = _word_pattern(words).search(body) if words else None
    first = found.start() if found else 0
    start = max(0, first - width // 3)
    if start:
        space = body.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", max(first, start + 1), end)
        end = space if space > 0 else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(body) else ""
    return mark_safe(prefix + _highlight(body[start:end].strip(), words) + suffix)
