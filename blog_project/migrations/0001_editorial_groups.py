"""The editorial groups Auteur and Redacteur with their permissions (see posts/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ("view",)
ALL = ("add", "change", "delete", "view")
# Frozen here, as a migration must be: (app label, model) -> actions, per group.
GROUPS = {
    "Auteur": {
        ("posts", "post"): ("add", "change", "view"),
        ("posts", "tag"): READ,
        ("posts", "author"): READ,
        ("posts", "correction"): READ,
        ("series", "series"): READ,
        ("series", "seriesentry"): READ,
        ("sources", "source"): READ,
        ("sources", "citation"): READ,
    },
    "Redacteur": {
        ("posts", "post"): (*ALL, "publish"),
        ("posts", "tag"): ALL,
        ("posts", "author"): ALL,
        ("posts", "correction"): ALL,
        ("posts", "formerslug"): ALL,
        ("series", "series"): ALL,
        ("series", "seriesentry"): ALL,
        ("sources", "source"): ALL,
        ("sources", "sourcealias"): ALL,
        ("sources", "citation"): ALL,
    },
}


def make_groups(apps, schema_editor):
    # Permissions are normally made after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = {
            (app, f"{action}_{model}") for (app, model), actions in grants.items() for action in actions
        }
        wanted = [
            p
            for p in Permission.objects.select_related("content_type")
            if (p.content_type.app_label, p.codename) in codenames
        ]
        missing = codenames - {(p.content_type.app_label, p.codename) for p in wanted}
        if missing:
            raise RuntimeError(f"permissions not found for group {name}: {sorted(missing)}")
        group.permissions.set(wanted)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("posts", "0009_review_and_publish_permission"),
        ("series", "0003_listed_counts"),
        ("sources", "0005_citation_source_index"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
