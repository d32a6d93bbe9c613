"""A GIN index on the search vector, on PostgreSQL only (SQLite has no such index type)."""

from django.db import migrations

INDEX = "posts_post_search_vector_gin"


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON posts_post USING gin (search_vector)"
        )


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def index_existing_posts(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    Post = apps.get_model("posts", "Post")
    Post.objects.update(
        search_vector=SearchVector("title", weight="A", config="dutch")
        + SearchVector("search_extra", weight="B", config="dutch")
        + SearchVector("body_text", weight="C", config="dutch")
    )


class Migration(migrations.Migration):
    dependencies = [("posts", "0002_search_and_former_slugs")]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(index_existing_posts, migrations.RunPython.noop),
    ]
