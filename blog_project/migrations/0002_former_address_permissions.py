"""Redacteuren manage the former addresses an import records (posts.FormerAddress)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    posts = apps.get_app_config("posts")
    posts.models_module = True
    create_permissions(posts, apps=apps, verbosity=0)
    posts.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Redacteur")
    codenames = [f"{action}_formeraddress" for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="posts", codename__in=codenames
    )
    if permissions.count() != len(codenames):
        raise RuntimeError("permissions for posts.FormerAddress not found")
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Redacteur"):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="posts", codename__endswith="_formeraddress")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_editorial_groups"),
        ("posts", "0011_languages_toc_levels_former_addresses"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
