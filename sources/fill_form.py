"""The source form of the admin, with "Fill in from DOI, ISBN or URL".

The identifier is checked at once and put in its own field (DOI, ISBN or address); the other
fields are filled in the background (:func:`sources.resolving.fill_source`). A new source may
be added with only the identifier: it is saved under a provisional name (the identifier) and
slug, which the fill-in replaces.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sources.identifiers import normalise_isbn
from sources.models import Source
from sources.registry import _unique_slug, source_key
from sources.resolving import MESSAGES, identifier_field


def _same_identifier(field: str, value: str, exclude: int | None) -> Source | None:
    """Another source with this DOI, ISBN or address."""
    others = Source.objects.exclude(pk=exclude) if exclude else Source.objects.all()
    if field == "isbn":
        return next((s for s in others.exclude(isbn="") if normalise_isbn(s.isbn) == value), None)
    lookup = "doi__iexact" if field == "doi" else field
    return others.filter(**{lookup: value}).first()


class SourceForm(forms.ModelForm):
    fill_from = forms.CharField(
        label=_("Fill in from DOI, ISBN or URL"),
        required=False,
        max_length=1000,
        help_text=_(
            "Paste a DOI (10.1234/…), an ISBN or a web address: the empty fields are filled in "
            "the background. What you typed is kept. A new source needs nothing else."
        ),
    )

    class Meta:
        model = Source
        # The admin's fieldsets decide; these are the editor's fields of today.
        fields = ["slug", *Source.REFERENCE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required unless the identifier can fill them (checked in clean()).
        for name in ("publisher", "slug"):
            if name in self.fields:
                self.fields[name].required = False
        self.provisional: list[str] = []

    def clean(self) -> dict:
        data = super().clean()
        identifier = " ".join(data.get("fill_from", "").split())
        data["fill_from"] = identifier
        if identifier:
            self._use_identifier(identifier, data)
        if not data.get("publisher"):
            if identifier and not self.has_error("fill_from"):
                data["publisher"] = identifier[: Source._meta.get_field("publisher").max_length]
                self.provisional.append("publisher")
            elif "publisher" in self.fields:
                required = self.fields["publisher"].error_messages["required"]
                self.add_error("publisher", ValidationError(required, code="required"))
        publisher, title = data.get("publisher", ""), data.get("title", "")
        if "slug" in self.fields and not data.get("slug") and publisher:
            data["slug"] = _unique_slug(f"{publisher} {title}", set())
            if "publisher" in self.provisional:
                self.provisional.append("slug")
        if publisher:
            key = source_key(publisher, title or "")
            other = Source.objects.filter(key=key).exclude(pk=self.instance.pk).first()
            if other is not None:
                self.add_error(None, str(MESSAGES["duplicate"]) % {"source": other})
        return data

    def _use_identifier(self, identifier: str, data: dict) -> None:
        found = identifier_field(identifier)
        if found is None:
            self.add_error("fill_from", str(MESSAGES["unrecognised"]) % {"identifier": identifier})
            return
        field, value = found
        if other := _same_identifier(field, value, self.instance.pk):
            self.add_error(
                "fill_from",
                _("This is the DOI, ISBN or address of “%(source)s” already.") % {"source": other},
            )
            return
        if field in self.fields and not data.get(field):
            data[field] = value
