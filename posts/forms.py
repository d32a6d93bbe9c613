from django import forms
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from posts.bodies import render_body
from posts.conflicts import COMPARED_FIELDS, Conflict, find_conflict, newest_revision_id
from posts.editor_checks import source_hints
from posts.models import RESERVED_SLUGS, Post
from posts.rendering import Rendered


class PostAdminForm(forms.ModelForm):
    """Refuses a body whose footnotes are broken; keeps warnings for the admin to show."""

    class Meta:
        model = Post
        fields = [*COMPARED_FIELDS, "authors", "tags"]

    update_note = forms.CharField(
        label=_("Public update note"),
        max_length=300,
        required=False,
        help_text=_(
            "For a change readers should know about, for example “Bijgewerkt: cijfers over "
            "2024 gecorrigeerd”. It is shown, dated, at the end of the article. Leave it empty "
            "for a typo fix: then nothing visible changes."
        ),
    )

    submit_for_review = forms.BooleanField(
        label=_("Offer for review"),
        required=False,
        help_text=_("Tells the editors this draft is ready for them to read and publish."),
    )
    # The post's newest revision when the form was opened: a save checks it is still the newest.
    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "authors" in self.fields:
            # In byline order, which the widget keeps (a relation has no order of its own).
            self.initial["authors"] = [author.pk for author in self.instance.bylines]
        if self.instance.pk is not None and not self.is_bound:
            self.initial["opened_revision"] = newest_revision_id(self.instance.pk)
        # The admin shows help texts as HTML; ours quote Markdown and addresses such as
        # /blog/<slug>/ and <!--truncate-->, which must show as written.
        for field in self.fields.values():
            if field.help_text:
                field.help_text = conditional_escape(field.help_text)
        # Set when another save came in since the form was opened (shown above the form).
        self.conflict: Conflict | None = None
        self.body_warnings: list[str] = []
        # The body as rendered while validating it; the save reuses it instead of rendering again.
        self.rendered: Rendered | None = None

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _(
                    "The address /blog/%(slug)s/ is taken by a page of the blog itself "
                    "(/blog/tags/, /blog/authors/ and /blog/archive/ are). Choose another "
                    "slug, for example one made from the title."
                ),
                code="reserved",
                params={"slug": slug},
            )
        return slug

    def clean_body(self) -> str:
        # Browsers send a textarea's lines with CRLF; bodies are stored with LF.
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")
        same_language = "language" not in self.changed_data
        if self.instance.pk is not None and body == self.instance.body and same_language:
            return body
        language = self.cleaned_data.get("language") or self.instance.language
        self.rendered = rendered = render_body(body, language)
        errors = [p.message for p in rendered.problems if p.is_error]
        if errors:
            raise forms.ValidationError(
                [forms.ValidationError(message, code="footnote") for message in errors]
            )
        self.body_warnings = [p.message for p in rendered.problems if not p.is_error]
        # What the desk's live checks show too: a note naming no source, an image without a
        # description, an empty link.
        self.body_warnings += [
            gettext("Line %(line)s: %(problem)s")
            % {"line": hint["line"], "problem": hint["message"]}
            for hint in source_hints(body, rendered)
        ]
        return body

    def author_order(self) -> list[int]:
        """The chosen authors' ids in the order the editor put them in the field."""
        chosen = {author.pk for author in self.cleaned_data.get("authors", ())}
        submitted = [int(value) for value in self.data.getlist("authors") if value.isdigit()]
        ordered = list(dict.fromkeys(pk for pk in submitted if pk in chosen))
        return ordered + sorted(chosen - set(ordered))

    def clean_update_note(self) -> str:
        note = " ".join(self.cleaned_data["update_note"].split())
        if note and not (self.instance.pk and self.instance.is_published):
            raise forms.ValidationError(
                _("Only a published article gets update notes: nobody has read this one yet."),
                code="not_published",
            )
        return note

    def clean(self) -> dict:
        cleaned = super().clean()
        self._check_conflict(cleaned.get("opened_revision"))
        if cleaned.get("cover_image") and not cleaned.get("cover_alt"):
            self.add_error(
                "cover_alt", _("Describe the cover image for readers who cannot see it.")
            )
        return cleaned

    def _check_conflict(self, opened: int | None) -> None:
        """Refuses to overwrite a save made since the form was opened; keeps the editor's text
        in the form and the newest revision as the one to save over next time."""
        if self.instance.pk is None or opened is None:
            return
        conflict = find_conflict(self.instance.pk, opened)
        if conflict is None:
            return
        self.conflict = conflict
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_revision")] = conflict.newest_id
        fields = [str(Post._meta.get_field(name).verbose_name) for name in conflict.fields]
        raise forms.ValidationError(
            _(
                "This article was changed by %(user)s at %(when)s (%(fields)s) after you opened "
                "it. Your version below is not saved yet: compare it with the changes shown, "
                "keep what you want, and save again."
            ),
            code="conflict",
            params={
                "user": conflict.changed_by or _("someone else"),
                "when": formats.date_format(
                    timezone.localtime(conflict.changed_at), "DATETIME_FORMAT"
                ),
                "fields": get_text_list(fields, _("and")) or _("no field"),
            },
        )
