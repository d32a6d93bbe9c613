"""The editor's endpoints behind the admin's Markdown field: live preview and image upload.

They take the addresses django-markdownx's widget calls (``/markdownx/markdownify/`` and
``/markdownx/upload/``) but answer only a logged-in editor who may write articles; anyone
else gets 403. Asked with ``format=json``, the preview also reports the problems a save would
report and the live word count (:mod:`posts.editor_checks`), for the writer's desk. Uploads
must be real raster images (:mod:`posts.images`); every refusal is a JSON message, never a
server error.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from posts.bodies import preview_html
from posts.editor_checks import preview_report
from posts.images import check_raster_image, dated_name

UPLOAD_FOLDER = "uploads"


def may_write(user) -> bool:
    """Whether ``user`` may use the editor: a staff account that may add or change articles."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.has_perm("posts.add_post") or user.has_perm("posts.change_post"))
    )


def _refused(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def editor_only(view):
    """Refuses with 403 (JSON) whoever may not write articles."""

    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_write(request.user):
            return _refused(_("Log in as an editor to use the article editor."), 403)
        return view(request, *args, **kwargs)

    guarded.__name__ = view.__name__
    guarded.__doc__ = view.__doc__
    return guarded


@never_cache
@require_POST
@editor_only
def markdownify(request: HttpRequest) -> HttpResponse:
    """The live preview: exactly the HTML the public page will show for this body.

    With ``format=json``: that HTML with the problems, hints and counts; the labels in the
    article's ``language`` when one of the site's languages is given.
    """
    content = request.POST.get("content")
    if content is None:
        return _refused(_("Nothing to preview: the request carries no text."), 400)
    language = request.POST.get("language")
    language = language if language in dict(settings.LANGUAGES) else None
    if request.POST.get("format") == "json":
        return JsonResponse(preview_report(content, language))
    return HttpResponse(preview_html(content, language), content_type="text/html; charset=utf-8")


@never_cache
@require_POST
@editor_only
def upload_image(request: HttpRequest) -> JsonResponse:
    """Stores one image under ``uploads/YYYY/MM/`` and answers the Markdown that shows it."""
    max_bytes = settings.BLOG["IMAGES"]["MAX_BYTES"]
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > max_bytes + 64 * 1024:
        return _refused(
            _("The file is too large; images may be at most %(limit)s MB.")
            % {"limit": f"{max_bytes / 1_000_000:g}"},
            413,
        )
    upload = request.FILES.get("image")
    if upload is None:
        return _refused(_("No image was received. Choose an image file and try again."), 400)
    try:
        image = check_raster_image(upload)
    except ValidationError as error:
        return _refused(" ".join(error.messages), 400)
    name = default_storage.save(dated_name(UPLOAD_FOLDER, image.extension), upload)
    url = default_storage.url(name)
    return JsonResponse({"image_code": f"![]({url})", "url": url})
