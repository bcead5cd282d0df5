"""The news categories every instance starts with; trigram search index on PostgreSQL."""

from django.db import migrations

# (slug, name, order): the portal's "danh mục tin tức".
CATEGORIES = [
    ("hoat-dong-mat-tran", "Hoạt động Mặt trận", 10),
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", 20),
    ("dan-chu-phap-luat", "Dân chủ - Pháp luật", 30),
    ("cuoc-van-dong", "Cuộc vận động", 40),
    ("binh-chon", "Bình chọn", 50),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    for slug, name, order in CATEGORIES:
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    if schema_editor.connection.vendor == "postgresql":
        # Accent-insensitive search is a LIKE '%word%' on the folded column: a trigram index answers it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_search_trgm ON news_article USING gin (search_text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
