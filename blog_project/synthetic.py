"""Synthetic articles for benchmarks: ``manage.py generate_posts N``.

Realistic in shape: Dutch paragraphs with headings, a summary, 5-40 footnotes citing a pool of
registered sources, tags, authors and multi-part series, dates over ten years, a few drafts,
scheduled and unlisted posts. Fast: a few hundred distinct bodies go through the real pipeline
(``posts.bodies``, registering their sources as a save would); every post takes one of those
results, so its stored HTML, summary, table of contents and citations are exactly what a save of
that body produces. Rows are written in bulk, and on PostgreSQL each body's search vector is
computed once and shared by the posts that use it.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from posts.bodies import link_sources, render_body
from posts.models import Author, Post, PostStatus, Tag
from posts.rendering import Rendered
from posts.search import CONFIG
from series.models import Series, SeriesEntry
from sources.models import Citation
from sources.registry import RegistryLinks

SENTENCES = (
    "Gemeenten zetten algoritmes in om aanvragen sneller af te handelen.",
    "De vraag is niet of de overheid kunstmatige intelligentie gebruikt, maar hoe.",
    "Burgers verwachten begrijpelijke besluiten en een mens die ze kan uitleggen.",
    "Een algoritmeregister maakt zichtbaar welke systemen een organisatie inzet.",
    "Wie niets doet, loopt het risico afhankelijk te worden van een paar leveranciers.",
    "Open standaarden houden de keuze voor een andere leverancier open.",
    "Toezichthouders vragen om documentatie van trainingsdata en beslisregels.",
    "De AI-verordening verdeelt systemen in risicoklassen met eigen verplichtingen.",
    "Kleine gemeenten missen vaak de kennis om een aanbesteding goed te beoordelen.",
    "Samenwerken in de regio spreidt de kosten en deelt de ervaring.",
    "Een pilot zonder evaluatie levert geen les op voor de volgende stap.",
    "Privacy by design begint bij de vraag welke gegevens echt nodig zijn.",
    "Ambtenaren hebben tijd en scholing nodig om nieuwe hulpmiddelen goed te gebruiken.",
    "De menselijke maat is geen bijzaak, maar de toets voor elk besluit.",
    "Digitale soevereiniteit vraagt om keuzes in infrastructuur en software.",
    "Transparantie over fouten bouwt meer vertrouwen op dan beloften over perfectie.",
    "Een taalmodel vat een dossier samen, maar neemt geen besluit.",
    "De kosten van stilstand zijn moeilijker te zien dan de kosten van een project.",
    "Burgerpanels laten zien waar de grenzen van acceptatie liggen.",
    "Inkoopvoorwaarden bepalen wie straks eigenaar is van de gegevens.",
    "Uitlegbaarheid is voor een rechter iets anders dan voor een ontwikkelaar.",
    "Een goede bronvermelding laat de lezer zelf de redenering nagaan.",
    "Provincies experimenteren met voorspellend onderhoud aan bruggen en wegen.",
    "De Rekenkamer vraagt geregeld naar de werkelijke opbrengst van digitalisering.",
    "Open source maakt het mogelijk om code te laten controleren door anderen.",
    "Europese samenwerking voorkomt dat elk land hetzelfde wiel uitvindt.",
    "Een ethische commissie helpt alleen als haar adviezen ook worden opgevolgd.",
    "Datakwaliteit is het fundament onder elke toepassing van machine learning.",
    "Wie de gebruiker vergeet, bouwt een systeem dat niemand vertrouwt.",
    "Het loont om klein te beginnen en snel te leren van echte gebruikers.",
)
PUBLISHERS = (
    "Rathenau Instituut",
    "VNG",
    "iBestuur",
    "Waag",
    "Rijksoverheid",
    "Algemene Rekenkamer",
    "CBS",
    "WRR",
    "Autoriteit Persoonsgegevens",
    "Europese Commissie",
    "OECD",
    "TNO",
    "Common Ground",
    "NOS",
    "Binnenlands Bestuur",
)
TOPICS = (
    "algoritmes",
    "open data",
    "AI-verordening",
    "soevereiniteit",
    "privacy",
    "inkoop",
    "toezicht",
    "digitale inclusie",
    "cloud",
    "taalmodellen",
    "ethiek",
    "datakwaliteit",
)


@dataclass(frozen=True)
class _Body:
    text: str
    rendered: Rendered
    links: RegistryLinks | None


class Generator:
    """Makes ``total`` posts; ``report`` is told how far it got."""

    def __init__(
        self,
        total: int,
        *,
        seed: int = 2026,
        bodies: int = 300,
        batch: int = 2000,
        report: Callable[[str], None] = print,
    ) -> None:
        self.total = total
        self.random = random.Random(seed)
        self.body_count = min(bodies, max(1, total))
        self.batch = batch
        self.report = report
        self.now = timezone.now()

    def run(self) -> None:
        authors = self._authors()
        tags = self._tags()
        bodies = [self._body(n) for n in range(self.body_count)]
        self.report(f"rendered {len(bodies)} distinct bodies")
        start = Post.objects.count()
        series_left = 0
        series = None
        position = 0
        for first in range(0, self.total, self.batch):
            count = min(self.batch, self.total - first)
            with transaction.atomic():
                posts = [self._post(start + first + i, bodies) for i in range(count)]
                Post.objects.bulk_create(posts, batch_size=500)
                self._relations(posts, bodies, authors, tags)
                entries = []
                for post in posts:
                    if series_left == 0 and self.random.random() < 0.04:
                        series_left = self.random.randint(3, 8)
                        series = Series.objects.create(
                            title=f"Reeks {post.pk}: {self.random.choice(TOPICS)}",
                            slug=f"reeks-{post.pk}",
                            description=self.random.choice(SENTENCES),
                        )
                        position = 0
                    if series_left:
                        position += 1
                        series_left -= 1
                        entries.append(SeriesEntry(series=series, post=post, position=position))
                SeriesEntry.objects.bulk_create(entries, batch_size=1000)
                self._index(posts, bodies)
            self.report(f"{first + count} of {self.total} posts")

    def _authors(self) -> list[Author]:
        names = ("Anna", "Ruben", "Fatima", "Joost", "Mei", "Sven", "Noor", "Daan", "Lotte")
        authors = []
        for n in range(40):
            name = f"{names[n % len(names)]} {chr(65 + n % 26)}. de Schrijver {n}"
            key = f"schrijver-{n}"
            authors.append(Author.objects.get_or_create(key=key, defaults={"name": name})[0])
        return authors

    def _tags(self) -> list[Tag]:
        tags = []
        for n in range(300):
            name = f"{TOPICS[n % len(TOPICS)]} {n}" if n >= len(TOPICS) else TOPICS[n]
            slug = f"onderwerp-{n}"
            tags.append(Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0])
        return tags

    def _paragraph(self) -> str:
        return " ".join(self.random.choice(SENTENCES) for _ in range(self.random.randint(3, 7)))

    def _body(self, n: int) -> _Body:
        notes = self.random.randint(5, 40)
        parts = [self._paragraph() + "[^1]", "<!--truncate-->"]
        for i in range(2, notes + 1):
            if i % 4 == 2:
                parts.append(f"## {self.random.choice(TOPICS).capitalize()} en {n}-{i}")
            parts.append(f"{self._paragraph()}[^{i}] {self._paragraph()}")
        parts.append("## Bronnen")
        for i in range(1, notes + 1):
            source = self.random.randrange(2000)
            publisher = PUBLISHERS[source % len(PUBLISHERS)]
            url = f"https://example.org/{source}"
            parts.append(f"- [^{i}]: **{publisher}** - [Rapport {source}]({url})")
        text = "\n\n".join(parts)
        rendered, links = link_sources(render_body(text), register=True)
        return _Body(text, rendered, links)

    def _post(self, n: int, bodies: list[_Body]) -> Post:
        body = bodies[n % len(bodies)]
        roll = self.random.random()
        status = PostStatus.DRAFT if roll < 0.03 else PostStatus.PUBLISHED
        ahead = roll > 0.99
        days = self.random.uniform(1, 3650)
        publish_at = self.now + timedelta(days=days) if ahead else self.now - timedelta(days=days)
        words = " ".join(self.random.choice(SENTENCES).split()[:4]).rstrip(".,")
        post = Post(
            title=f"{words} ({n})",
            slug=f"synthetisch-{n}",
            body=body.text,
            status=status,
            publish_at=publish_at,
            unlisted=0.97 < roll <= 0.98,
            description="",
        )
        post.apply_rendered(body.rendered)
        post._body_index = n % len(bodies)
        return post

    def _relations(self, posts, bodies, authors, tags) -> None:
        author_rows, tag_rows, citations = [], [], []
        for post in posts:
            for author in self.random.sample(authors, self.random.choice((1, 1, 1, 2))):
                author_rows.append(Post.authors.through(post_id=post.pk, author_id=author.pk))
            for tag in self.random.sample(tags, self.random.randint(1, 4)):
                tag_rows.append(Post.tags.through(post_id=post.pk, tag_id=tag.pk))
            body = bodies[post._body_index]
            for fn in body.rendered.footnotes:
                source = body.links.source_for(fn.source) if body.links else None
                citations.append(
                    Citation(
                        post_id=post.pk,
                        label=fn.label,
                        anchor=fn.anchor,
                        order=fn.number,
                        text=fn.text,
                        source_id=source.pk if source else None,
                    )
                )
        Post.authors.through.objects.bulk_create(author_rows, batch_size=2000)
        Post.tags.through.objects.bulk_create(tag_rows, batch_size=2000)
        Citation.objects.bulk_create(citations, batch_size=2000)

    def _index(self, posts: list[Post], bodies: list[_Body]) -> None:
        """Search text for the batch: tag names (and, on PostgreSQL, the shared body vectors)."""
        ids = [post.pk for post in posts]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                by_body: dict[int, list[int]] = {}
                for post in posts:
                    by_body.setdefault(post._body_index, []).append(post.pk)
                for index, post_ids in by_body.items():
                    cursor.execute(
                        "UPDATE posts_post p SET search_extra = t.names, search_vector ="
                        " setweight(to_tsvector(%s, p.title), 'A')"
                        " || setweight(to_tsvector(%s, t.names), 'B')"
                        " || setweight(to_tsvector(%s, %s), 'C')"
                        " FROM (SELECT pt.post_id, string_agg(tg.name, ' ') AS names"
                        "       FROM posts_post_tags pt JOIN posts_tag tg ON tg.id = pt.tag_id"
                        "       WHERE pt.post_id = ANY(%s) GROUP BY pt.post_id) t"
                        " WHERE p.id = t.post_id",
                        [CONFIG, CONFIG, CONFIG, bodies[index].rendered.text, post_ids],
                    )
            else:
                placeholders = ",".join("%s" for _ in ids)
                cursor.execute(
                    "UPDATE posts_post SET search_extra = (SELECT group_concat(tg.name, ' ')"
                    " FROM posts_post_tags pt JOIN posts_tag tg ON tg.id = pt.tag_id"
                    f" WHERE pt.post_id = posts_post.id) WHERE id IN ({placeholders})",
                    ids,
                )
