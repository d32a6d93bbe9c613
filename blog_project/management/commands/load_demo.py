import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from blog_project.importing import import_paths

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"
USERNAME = "redactie"


class Command(BaseCommand):
    help = (
        "Loads the demo articles from demo/ (idempotent) and makes sure an editor account exists "
        "for the admin; its password is kept in .demo-admin-password."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--site-url", default="http://127.0.0.1:8000", help="where the blog will be served"
        )

    def handle(self, *args, **options) -> None:
        report = import_paths([DEMO_DIR])
        self.stdout.write(report.summary())
        self.stdout.write(self._ensure_editor(options["site_url"].rstrip("/")))

    def _ensure_editor(self, site_url: str) -> str:
        users = get_user_model().objects
        if not users.filter(username=USERNAME).exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser(USERNAME, email="", password=password)
            try:
                PASSWORD_FILE.write_text(password + "\n", encoding="utf-8")
            except OSError:  # a read-only application folder, as in the container image
                return (
                    f"Admin: {site_url}/admin/  user {USERNAME!r}  password {password!r}\n"
                    "(shown once: the application folder is read-only)"
                )
        if PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text(encoding="utf-8").strip()
            return (
                f"Admin: {site_url}/admin/  user {USERNAME!r}  password {password!r}\n"
                f"(kept in {PASSWORD_FILE.name}; change it with "
                f"'python manage.py changepassword {USERNAME}')"
            )
        return f"Admin user {USERNAME!r} exists; reset its password with 'changepassword'."
