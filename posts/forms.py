from django import forms
from django.utils.translation import gettext_lazy as _

from posts.bodies import render_body
from posts.models import Post
from posts.rendering import Rendered


class PostAdminForm(forms.ModelForm):
    """Refuses a body whose footnotes are broken; keeps warnings for the admin to show."""

    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "body",
            "status",
            "publish_at",
            "unlisted",
            "authors",
            "tags",
            "description",
            "keywords",
            "cover_image",
            "cover_alt",
            "hide_toc",
        ]

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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.body_warnings: list[str] = []
        # The body as rendered while validating it; the save reuses it instead of rendering again.
        self.rendered: Rendered | None = None

    def clean_body(self) -> str:
        # Browsers send a textarea's lines with CRLF; bodies are stored with LF.
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")
        if self.instance.pk is not None and body == self.instance.body:
            return body
        self.rendered = rendered = render_body(body)
        errors = [p.message for p in rendered.problems if p.is_error]
        if errors:
            raise forms.ValidationError(
                [forms.ValidationError(message, code="footnote") for message in errors]
            )
        self.body_warnings = [p.message for p in rendered.problems if not p.is_error]
        return body

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
        if cleaned.get("cover_image") and not cleaned.get("cover_alt"):
            self.add_error(
                "cover_alt", _("Describe the cover image for readers who cannot see it.")
            )
        return cleaned
