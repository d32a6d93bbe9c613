from django import forms
from django.contrib import admin
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from posts.extensions import extensions
from series.models import Series, SeriesEntry


class SeriesEntryInline(admin.TabularInline):
    """An article's place in a series, on the article's page."""

    model = SeriesEntry
    extra = 0
    max_num = 1
    autocomplete_fields = ["series"]


extensions.post_admin_inlines.append(SeriesEntryInline)


class ReorderableEntryForm(forms.ModelForm):
    """Positions are checked across the whole formset (against each other, not against the
    rows as they were), so parts can swap places in one save."""

    def validate_unique(self) -> None:
        pass

    def validate_constraints(self) -> None:
        pass


class ReorderableEntryFormSet(forms.BaseInlineFormSet):
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
