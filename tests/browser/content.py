"""The content the browser tests read: built with the ORM, so Post.save renders it for real.

A three-part series whose first part is a long article with numbered and named footnotes that
cite sources, an admonition, a table, a code block, a long URL and a long Dutch compound word
(the things that break a 320 px layout first).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from posts.models import Author, Post, Tag
from posts.services import post_write
from series.models import Series, SeriesEntry
from sources.models import Source

PARAGRAPH = (
    "Een lange zin over publieke waarden, algoritmen en verantwoording, zodat de lezer "
    "merkt hoe de tekst zich over meerdere regels verdeelt en of de maat van de regel "
    "prettig leest. Wie een besluit neemt over burgers, moet kunnen uitleggen waarom."
)

FIRST_BODY = f"""\
Wie over AI bij de overheid schrijft, schrijft over beleid dat mensen raakt. De lezer moet \
kunnen nagaan waar een bewering vandaan komt.[^1]

<!--truncate-->

## Een bewering is een belofte

Elke bewering in een essay is een kleine belofte aan de lezer: *dit klopt, en je kunt het \
controleren*.[^waag] Een voetnoot maakt die belofte waar.

:::tip Zo lees je de noten
Klik op een cijfer om naar de noot te gaan, en op ↩ om terug te keren naar de tekst.
:::

{PARAGRAPH}

{PARAGRAPH}

## Lange woorden en lange adressen

De arbeidsongeschiktheidsverzekeringsmaatschappijbestuursvoorzittersverkiezingsuitslag is \
een woord dat op een smal scherm moet kunnen afbreken, net als \
https://www.example.org/een/heel/lang/adres/dat/niet/mag/uitsteken/op/een/telefoon/van/320/pixels.

| Principe | Betekenis |
| --- | --- |
| Gegevens bij de bron | Niet kopiëren, maar bevragen |
| Open standaarden | Leveranciers zijn uitwisselbaar |

```python
# Een regel code die breder is dan een telefoonscherm, en dus binnen zijn eigen vak schuift
response = client.get("/api/personen/999993653", params={{"velden": "naam,adres,geboortedatum"}})
```

{PARAGRAPH}

{PARAGRAPH}

## Hetzelfde rapport, tien keer

Vaak citeren we hetzelfde rapport op meerdere plaatsen.[^3] Bronpunt toont op de \
bronnenpagina welke artikelen het aanhalen.[^1]

{PARAGRAPH}

[^1]: **Rathenau Instituut** - [Opwaarderen: borgen van publieke waarden](https://www.rathenau.nl/)
[^waag]: **Waag** - [Publieke waarden in technologie](https://waag.org/)
[^3]: Zie ook het jaarverslag van de Algemene Rekenkamer over de staat van de digitale overheid.
"""

SECOND_BODY = """\
Gemeenten voeren grotendeels dezelfde taken uit. Toch koopt elke gemeente vaak haar eigen \
systemen.[^vng] Open source biedt een andere weg.

<!--truncate-->

## Common Ground in het kort

Common Ground scheidt gegevens van processen.[^vng]

:::note
Open source betekent niet gratis: ook gedeelde software vraagt onderhoud.
:::

[^vng]: **VNG** - [Samen organiseren](https://vng.nl/)
"""

THIRD_BODY = """\
Stilstand is ook een keuze, met eigen risico's.

<!--truncate-->

## Wat er gebeurt als niemand kiest

:::warning Let op
Oude systemen worden niet veiliger door ze te laten staan.
:::
"""


@dataclass(frozen=True)
class Site:
    url: str
    first: Post
    second: Post
    third: Post
    series: Series
    tag: Tag
    source: Source

    def at(self, path: str) -> str:
        return self.url + path


def build_site(url: str) -> Site:
    now = timezone.now()
    anna = Author.objects.create(key="anna", name="Anna de Vries", title="Redacteur")
    ruben = Author.objects.create(key="ruben", name="Ruben Bakker")
    overheid = Tag.objects.create(name="Overheid", slug="overheid")
    ai = Tag.objects.create(name="AI", slug="ai")
    open_source = Tag.objects.create(name="Open source", slug="open-source")

    def post(title, slug, body, days_ago, authors, tags):
        created = post_write(
            post=Post(
                title=title,
                slug=slug,
                body=body,
                status=Post.Status.PUBLISHED,
                publish_at=now - timedelta(days=days_ago),
                description=f"{title}: een artikel om de site mee te testen.",
            )
        )
        created.authors.set(authors)
        created.tags.set(tags)
        return created

    first = post(
        "Waarom bronnen tellen", "waarom-bronnen-tellen", FIRST_BODY, 30, [anna], [overheid, ai]
    )
    second = post(
        "Open source als fundament",
        "open-source-als-fundament",
        SECOND_BODY,
        20,
        [ruben],
        [open_source, overheid],
    )
    third = post(
        "Risico's van stilstand", "risicos-van-stilstand", THIRD_BODY, 10, [anna, ruben], [ai]
    )
    series = Series.objects.create(
        title="Schrijven met bronnen",
        slug="schrijven-met-bronnen",
        description="Drie artikelen over bronnen, open source en de prijs van niets doen.",
    )
    for position, part in enumerate([first, second, third], start=1):
        SeriesEntry.objects.create(series=series, post=part, position=position)
    source = Source.objects.get(publisher="Rathenau Instituut")
    return Site(url, first, second, third, series, overheid, source)
