from collections import defaultdict

from django import forms
from django.contrib import admin
from django.db.models import Count, F, Max
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from posts.extensions import extensions
from series.models import Series, SeriesEntry


def _first_free_position(series_id: int) -> int:
    taken = SeriesEntry.objects.filter(series=series_id).aggregate(last=Max("position"))["last"]
    return (taken or 0) + 1


class SeriesPlaceForm(forms.ModelForm):
    """An article's place in a series; a place another article holds is refused with that
    article's title and the first free place."""

    class Meta:
        help_texts = {
            "position": _("1 is the first part; the series lists its parts in this order.")
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        series, position = cleaned.get("series"), cleaned.get("position")
        if series is None or position is None:
            return cleaned
        holder = (
            SeriesEntry.objects.filter(series=series, position=position)
            .exclude(pk=self.instance.pk)
            .select_related("post")
            .only("post__title")
            .first()
        )
        if holder is not None:
            # On the field, so the database's own uniqueness check adds no second message.
            self.add_error(
                "position",
                gettext(
                    "Part %(position)s of “%(series)s” is already the article “%(title)s”. "
                    "Choose another position (%(free)s is the first free one), or first give "
                    "that article another place on the series' page."
                )
                % {
                    "position": position,
                    "series": series,
                    "title": holder.post.title,
                    "free": _first_free_position(series.pk),
                },
            )
        return cleaned


class SeriesEntryInline(admin.TabularInline):
    """An article's place in a series, on the article's page."""

    model = SeriesEntry
    form = SeriesPlaceForm
    extra = 0
    max_num = 1
    autocomplete_fields = ["series"]
    verbose_name = _("place in a series")
    verbose_name_plural = _("place in a series")


extensions.post_admin_inlines.append(SeriesEntryInline)


class ReorderableEntryForm(forms.ModelForm):
    """Positions are checked across the whole formset (against each other, not against the
    rows as they were), so parts can swap places in one save."""

    def validate_unique(self) -> None:
        pass

    def validate_constraints(self) -> None:
        pass

    def clean_post(self):
        post = self.cleaned_data.get("post")
        if post is None:
            return post
        elsewhere = (
            SeriesEntry.objects.filter(post=post)
            .exclude(series=self.instance.series_id)
            .select_related("series")
            .first()
        )
        if elsewhere is not None:
            raise forms.ValidationError(
                gettext(
                    "“%(title)s” is already part %(position)s of “%(series)s”, and an article "
                    "belongs to one series at most. Take it out of that series first."
                )
                % {"title": post.title, "position": elsewhere.position, "series": elsewhere.series},
                code="in_another_series",
            )
        return post


class ReorderableEntryFormSet(forms.BaseInlineFormSet):
    def validate_unique(self) -> None:
        """Two parts at one position are refused with their titles."""
        at: dict[int, list[str]] = defaultdict(list)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("position") and data.get("post") and not data.get("DELETE"):
                at[data["position"]].append(data["post"].title)
        clashes = [
            gettext("Part %(position)s is given to %(titles)s.")
            % {
                "position": position,
                "titles": get_text_list([f"“{title}”" for title in titles], gettext("and")),
            }
            for position, titles in sorted(at.items())
            if len(titles) > 1
        ]
        if clashes:
            raise forms.ValidationError(
                [*clashes, gettext("Give each part its own position.")], code="position_taken"
            )
        super().validate_unique()

    def get_unique_error_message(self, unique_check) -> str:
        return gettext("An article can be in a series only once: remove the second row.")

    def save_existing_objects(self, commit: bool = True):
        # Park moved parts out of the way first: the database allows one part per position.
        moved = [
            form.instance.pk
            for form in self.initial_forms
            if "position" in form.changed_data and form.instance.pk
        ]
        if commit and moved:
            SeriesEntry.objects.filter(pk__in=moved).update(position=F("position") + 1_000_000)
        return super().save_existing_objects(commit)


class SeriesPartInline(admin.TabularInline):
    """The ordered parts of a series; positions may be swapped in one save."""

    model = SeriesEntry
    form = ReorderableEntryForm
    formset = ReorderableEntryFormSet
    extra = 1
    autocomplete_fields = ["post"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "part_count"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SeriesPartInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(part_count=Count("entries"))

    @admin.display(description=_("parts"), ordering="part_count")
    def part_count(self, obj: Series) -> int:
        return obj.part_count
