"""The site's URLs plus media files, served the way ``make run`` (DEBUG) serves them."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from blog_project.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
