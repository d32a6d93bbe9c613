"""The "part 3 of 7" box on an article page."""

from dataclasses import dataclass

from series.models import Series, SeriesEntry


@dataclass(frozen=True)
class SeriesNavigation:
    series: Series
    parts: list[SeriesEntry]
    index: int  # 0-based place of the current article among the published parts

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def post_ids(self) -> list[int]:
        return [part.post_id for part in self.parts]

    @property
    def previous(self) -> SeriesEntry | None:
        return self.parts[self.index - 1] if self.index > 0 else None

    @property
    def next(self) -> SeriesEntry | None:
        return self.parts[self.index + 1] if self.index + 1 < len(self.parts) else None


def navigation_for(post) -> SeriesNavigation | None:
    """Navigation among the published parts of the post's series, in one query.

    Numbers count listed parts only, so a draft or unlisted part leaves no gap. The post being
    shown (an editor's draft, an unlisted part) takes its place among them.
    """
    entry = getattr(post, "series_entry", None)
    if entry is None:
        return None
    parts = list(entry.series.listed_entries())
    if all(part.post_id != post.pk for part in parts):
        parts = sorted([*parts, entry], key=lambda part: part.position)
    index = next(i for i, part in enumerate(parts) if part.post_id == post.pk)
    return SeriesNavigation(series=entry.series, parts=parts, index=index)
