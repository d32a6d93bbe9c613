"""A Docusaurus blog in the shapes real ones have, imported whole: nothing breaks on the way.

``tests/fixtures/docusaurus_corpus/`` is a small Docusaurus site written for these tests: its
``blog/`` folder holds 26 posts (four in English, the rest in Dutch) with the file names, front
matter, MDX and images of the blogs on docusaurus.io and its neighbours, beside an
``authors.yml`` and a ``tags.yml``; ``static/img/`` holds the site's shared images. The folder
is imported once for the module (into a transaction rolled back at the end) and every test
reads the result: the article pages, the lists and feeds, the old Docusaurus addresses, the
images in media storage and the import report.

``POSTS`` says, per file, what Docusaurus made of it: the addresses it served the post at, its
language, its images. When a file is added to the corpus, it is added there too.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import html5lib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from blog_project.importing import import_paths
from blog_project.importing.report import UNCHANGED, ImportReport
from posts.models import Author, Post, Tag

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "docusaurus_corpus"
BLOG = CORPUS / "blog"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Expected:
    """What Docusaurus made of one file of the corpus."""

    file: str  # relative to blog/
    old: tuple[str, ...] = ()  # the addresses Docusaurus served it at
    lang: str = "nl"
    images: int = 0  # <img> in the body
    cover: bool = False  # an ``image:`` in the front matter
    draft: bool = False
    unlisted: bool = False

    def __str__(self) -> str:
        return self.file


POSTS = (
    # Dated files and folders without a slug: /blog/YYYY/MM/DD/name.
    Expected("2024-05-01-feature/index.mdx", ("/blog/2024/05/01/feature",), "en", 1, True),
    Expected("2023-01-15-jaaroverzicht.md", ("/blog/2023/01/15/jaaroverzicht",)),
    Expected("2022/11/05/herfstsprint.md", ("/blog/2022/11/05/herfstsprint",)),
    Expected("2022/12/24/kerstrelease/index.md", ("/blog/2022/12/24/kerstrelease",)),
    Expected("2023-03-20-inline-authors.md", ("/blog/2023/03/20/inline-authors",), "en"),
    Expected("2023-04-02-concept.md", draft=True),
    Expected("2023-04-09-verborgen.md", ("/blog/2023/04/09/verborgen",), unlisted=True),
    Expected("2023-05-14-bijgewerkt.md", ("/blog/2023/05/14/bijgewerkt",)),
    Expected("2023-07-01-zonder-inhoudsopgave.md", ("/blog/2023/07/01/zonder-inhoudsopgave",)),
    Expected("2023-08-08-mededelingen.md", ("/blog/2023/08/08/mededelingen",)),
    Expected("2023-10-10-voetnoten.md", ("/blog/2023/10/10/voetnoten",)),
    Expected("2023-11-11-codeblokken.mdx", ("/blog/2023/11/11/codeblokken",)),
    Expected("2024-01-20-componenten.mdx", ("/blog/2024/01/20/componenten",)),
    Expected("2024-02-14-links.md", ("/blog/2024/02/14/links",), images=1),
    Expected("2024-04-04-release-notes.md", ("/blog/2024/04/04/release-notes",), "en"),
    Expected("2024-07-07-gemeenten.md", ("/blog/2024/07/07/gemeenten",)),
    Expected("2024-08-01-beelden/index.md", ("/blog/2024/08/01/beelden",), images=2, cover=True),
    # A dated file in a folder: the folder comes after the date.
    Expected("gasten/2023-09-01-gastblog.md", ("/blog/2023/09/01/gasten/gastblog",)),
    # ``slug:`` wins, kept as written: slashes, dots and capitals.
    Expected("2023-06-10-versie-2-2.md", ("/blog/releases/2.2",)),
    Expected("pad-slug.md", ("/blog/x/y/z.html",)),
    Expected("hoofdletters.md", ("/blog/MixedCase",)),
    Expected("2024-06-12-migration-guide.mdx", ("/blog/guides/Moving-To-The-New-Build",), "en"),
    # Undated files: their path in the blog folder.
    Expected("datums/zonder-zone.md", ("/blog/datums/zonder-zone",)),
    Expected("datums/met-zone.md", ("/blog/datums/met-zone",)),
    Expected("datums/alleen-dag.md", ("/blog/datums/alleen-dag",)),
    Expected("handleidingen/eerste-stappen/index.md", ("/blog/handleidingen/eerste-stappen",)),
)
EXPECTED = {expected.file: expected for expected in POSTS}
PUBLISHED = [expected for expected in POSTS if not expected.draft]

# Docusaurus reads a date without a zone, and the date in a file name, as UTC.
DATES = {
    "datums/zonder-zone.md": datetime(2024, 3, 1, 10, 0, tzinfo=UTC),
    "datums/met-zone.md": datetime(2024, 3, 1, 8, 0, tzinfo=UTC),
    "datums/alleen-dag.md": datetime(2024, 3, 1, tzinfo=UTC),
    "2023-06-10-versie-2-2.md": datetime(2023, 6, 10, 9, 0, tzinfo=UTC),
    "2023-01-15-jaaroverzicht.md": datetime(2023, 1, 15, tzinfo=UTC),
    "2022/11/05/herfstsprint.md": datetime(2022, 11, 5, tzinfo=UTC),
    "gasten/2023-09-01-gastblog.md": datetime(2023, 9, 1, tzinfo=UTC),
}

# Authors in the order the front matter lists them.
AUTHOR_ORDER = {
    "2024-05-01-feature/index.mdx": ["Flora Brink", "Ally Verbeek"],
    "2024-04-04-release-notes.md": ["Jane Mills", "Flora Brink"],
    "2024-01-20-componenten.mdx": ["Flora Brink", "Sem de Wit"],
    "handleidingen/eerste-stappen/index.md": ["Sem de Wit", "Flora Brink"],
    "2023-03-20-inline-authors.md": ["Robin Oak", "Kim Lee"],
}

# Tag pages Docusaurus made, and the label of the tag each shows: tags.yml permalinks, the
# kebab-cased label of an inline tag, the permalink of a tag given as an object.
OLD_TAG_PAGES = {
    "/blog/tags/releases": "Release",
    "/blog/tags/toegankelijkheid": "Toegankelijkheid",
    "/blog/tags/mdx": "MDX",
    "/blog/tags/tutorial": "Handleiding",
    "/blog/tags/community": "community",
    "/blog/tags/open-source": "Open Source",
    "/blog/tags/lokale-overheid": "Gemeenten",
}
AUTHOR_KEYS = ("flora", "ally", "jane", "sem")  # authors.yml, each with ``page: true``
OLD_LIST_PAGES = (
    "/blog/page/2",
    "/blog/archive",
    "/blog/tags",
    "/blog/rss.xml",
    "/blog/atom.xml",
    "/blog/feed.json",
)

# What must never reach a visitor's eyes outside code: Markdown and MDX/JSX syntax.
_LEFTOVER_TEXT = (
    "{/*",
    "*/}",
    "{#",
    ":::",
    "[^",
    "](",
    "**",
    "```",
    "~~~",
    "<!--",
    "-->",
    "mdx-code-block",
    "highlight-next-line",
    "highlight-start",
    "highlight-end",
    "showLineNumbers",
    "{props",
    "{",
    "}",
)
_LEFTOVER_PATTERNS = (
    re.compile(r"\bimport\s+[\w{},*$\s]+\s+from\s+['\"]|\bimport\s+['\"]"),
    re.compile(r"\bexport\s+(?:const|let|var|function|default|async|class)\b"),
    re.compile(r"</?[A-Za-z][\w.]*(?=[\s/>])"),  # <Tabs, <TabItem, </AlertBox>, <span ...
    re.compile(r"(?:^|\s)#{1,6}\s"),  # a heading's hashes
    re.compile(r"\]\s*\[|\[[^\]\n]*\]\("),  # reference or inline link syntax
)
_CODE_LEFTOVERS = ("highlight-next-line", "highlight-start", "highlight-end", "showLineNumbers")
_NOT_TEXT = frozenset({"pre", "code", "script", "style", "template"})


@dataclass(repr=False)
class Corpus:
    """The first import: its report, the post each file became, the media folder."""

    report: ImportReport
    media: Path
    slugs: dict[str, str] = field(default_factory=dict)
    # The notes of a dry re-import in English, by file (the import ran in the site's language).
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<Corpus: {len(self.slugs)} posts imported>"

    def post(self, file: str) -> Post:
        if file not in self.slugs:
            problems = [str(p) for p in self.report.skipped if _relative(p.path) == file]
            pytest.fail(f"{file} was not imported: {problems or 'no outcome in the report'}")
        return Post.objects.get(slug=self.slugs[file])


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Corpus]:
    """The corpus imported once, in the site's language, with media in a temporary folder;
    every test runs in a savepoint inside this transaction, which is rolled back at the end."""
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with (
        override_settings(MEDIA_ROOT=media, STORAGES=storages),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        report = _import()
        corpus = Corpus(report, media)
        corpus.slugs = {_relative(o.path): o.slug for o in report.outcomes}
        with translation.override("en"):
            again = import_paths([BLOG], skip_invalid=True, dry_run=True)
        corpus.notes = {_relative(o.path): o.notes for o in again.outcomes}
        yield corpus
        transaction.set_rollback(True)


def _import(**options) -> ImportReport:
    """The corpus imported as ``import_posts`` would: in the site's language, good files kept."""
    with translation.override(settings.LANGUAGE_CODE):
        return import_paths([BLOG], skip_invalid=True, **options)


def _relative(path: Path) -> str:
    return Path(path).resolve().relative_to(BLOG.resolve()).as_posix()


def _page(client, post: Post):
    """The parsed page of ``post``."""
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200, f"{post.get_absolute_url()} answers {response.status_code}"
    return html5lib.parse(response.content, namespaceHTMLElements=False)


def _article_page(corpus: Corpus, expected: Expected, request):
    """The page of the file's post as a visitor sees it (a draft as an editor does)."""
    client = request.getfixturevalue("admin_client" if expected.draft else "client")
    return _page(client, corpus.post(expected.file))


def _article(document, expected: Expected):
    article = document.find(".//article[@class='post']")
    assert article is not None, f"{expected.file}: no <article class='post'> on its page"
    return article


def _body(article):
    return next(e for e in article.iter("div") if "post-body" in e.get("class", "").split())


def visible_text(element) -> str:
    """The text of ``element`` a reader sees outside code (comments and scripts skipped)."""
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str) or node.tag in _NOT_TEXT:
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def code_text(element) -> str:
    return "\n".join("".join(pre.itertext()) for pre in element.iter("pre"))


def leftovers(text: str) -> list[str]:
    """Each piece of Markdown or JSX syntax in ``text``, with a little context around it."""
    text = " ".join(text.split())
    found = []
    for needle in _LEFTOVER_TEXT:
        if (at := text.find(needle)) >= 0:
            found.append(f"{needle!r} in …{text[max(0, at - 40) : at + 40]!r}…")
    for pattern in _LEFTOVER_PATTERNS:
        if match := pattern.search(text):
            at = match.start()
            found.append(f"{match[0]!r} in …{text[max(0, at - 40) : at + 40]!r}…")
    return found


def _listing(found: dict[str, list[str]]) -> str:
    """Leftovers by where they were found, one line each, for an assertion message."""
    return "".join(
        f"\n  {where}: {problem}" for where, problems in found.items() for problem in problems
    )


def _fragment_text(html: str) -> str:
    return visible_text(html5lib.parseFragment(html, namespaceHTMLElements=False))


def _follow(client, address: str):
    """The answer to ``address``, its redirects followed: (statuses, final status, final URL)."""
    response = client.get(address, follow=True)
    statuses = [status for _, status in response.redirect_chain]
    request = response.request
    final = request["PATH_INFO"] + (
        f"?{request['QUERY_STRING']}" if request["QUERY_STRING"] else ""
    )
    return statuses, response.status_code, final


def _stored_name(src: str) -> str | None:
    """The media storage name behind an image address on our site (None if it is not ours)."""
    path = urlsplit(src).path
    return path[len(settings.MEDIA_URL) :] if path.startswith(settings.MEDIA_URL) else None


def _line_of(file: str, text: str) -> int:
    """The 1-based line of ``file`` that holds ``text`` first."""
    lines = (BLOG / file).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _prose_lines_starting(file: str, *starts: str) -> list[int]:
    """The 1-based lines of ``file`` outside code fences that start with one of ``starts``."""
    found, fenced = [], False
    for number, line in enumerate((BLOG / file).read_text(encoding="utf-8").split("\n"), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith(starts):
            found.append(number)
    return found


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _media_files(media: Path) -> dict[str, int]:
    return {p.relative_to(media).as_posix(): p.stat().st_mtime_ns for p in media.rglob("*.*")}


# -- the import itself ---------------------------------------------------------------------


def test_the_table_names_every_post_of_the_corpus():
    files = {
        path.relative_to(BLOG).as_posix()
        for path in BLOG.rglob("*")
        if path.suffix in {".md", ".mdx"}
    }
    assert files == set(EXPECTED), "POSTS must describe every file of the corpus"


def test_every_file_is_imported(corpus):
    """Docusaurus accepts every file of the corpus, so the import refuses none."""
    assert [str(problem) for problem in corpus.report.skipped] == []
    assert set(corpus.slugs) == set(EXPECTED)


def test_a_second_import_is_a_no_op(corpus):
    rows, files = _row_counts(), _media_files(corpus.media)
    report = _import()
    changed = [
        f"{_relative(o.path)}: {o.action} {o.changed}"
        for o in report.outcomes
        if o.action != UNCHANGED
    ]
    assert changed == []
    assert report.unchanged == len(POSTS)
    assert _row_counts() == rows
    assert _media_files(corpus.media) == files


@pytest.mark.parametrize("file, when", DATES.items())
def test_dates_are_read_as_docusaurus_reads_them(corpus, file, when):
    published = corpus.post(file).publish_at
    assert published == when, f"{file}: {published.isoformat()}, not {when.isoformat()}"


# -- nothing of Markdown or JSX reaches a visitor --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "import Tabs from '@theme/Tabs';",
        "import '@site/src/css/extra.css';",
        "export const x = 1;",
        "Eerste alinea {/* een opmerking */} erna.",
        "<Tabs>",
        '<TabItem value="npm" label="npm">',
        '<Tweet id="1" />',
        "</AlertBox>",
        "Custom heading {#my-anchor}",
        ":::note",
        "Een voetnoot[^1] hier.",
        "Zie [de handleiding](./2023-05-14-bijgewerkt.md).",
        "Een **vet** woord.",
        "<!--truncate-->",
        "````mdx-code-block",
        "// highlight-next-line",
        "Titel: {props.title}",
        "{children}",
        "## Een kopje",
    ],
)
def test_the_leftover_check_finds_what_it_looks_for(text):
    assert leftovers(f"Gewone tekst. {text} Meer tekst."), text


def test_the_leftover_check_leaves_prose_alone():
    prose = "Versie 2.2 is uit: sneller (en kleiner), met 3-5 nieuwe opties; zie ook 'Tips' #1."
    assert leftovers(prose) == []


@pytest.mark.parametrize("expected", POSTS, ids=str)
def test_the_article_page_shows_no_markdown_or_jsx(corpus, request, expected):
    document = _article_page(corpus, expected, request)
    texts = {
        "article": visible_text(_article(document, expected)),
        "title": "".join(document.find(".//title").itertext()),
    }
    for meta in document.iter("meta"):
        if meta.get("name") == "description" or meta.get("property") == "og:description":
            texts[meta.get("name") or meta.get("property")] = meta.get("content", "")
    found = {where: problems for where, text in texts.items() if (problems := leftovers(text))}
    assert not found, f"{expected.file}: syntax left on its page:{_listing(found)}"


@pytest.mark.parametrize("expected", POSTS, ids=str)
def test_code_blocks_show_no_docusaurus_markers(corpus, request, expected):
    document = _article_page(corpus, expected, request)
    code = code_text(_article(document, expected))
    assert [marker for marker in _CODE_LEFTOVERS if marker in code] == [], expected.file


def test_the_summaries_on_the_blog_pages_show_no_markdown_or_jsx(corpus, client):
    titles = {corpus.post(e.file).title: e.file for e in PUBLISHED if not e.unlisted}
    seen: dict[str, list[str]] = {}
    page = 1
    while True:
        response = client.get(reverse("posts:list"), {"page": page})
        assert response.status_code == 200, f"/blog/?page={page}"
        document = html5lib.parse(response.content, namespaceHTMLElements=False)
        cards = [a for a in document.iter("article") if "post-summary" in a.get("class", "")]
        for card in cards:
            title = "".join(card.find(".//h2").itertext()).strip()
            seen[titles.get(title, title)] = leftovers(visible_text(card))
        if not any(link.get("rel") == "next" for link in document.iter("a")) or not cards:
            break
        page += 1
    assert set(seen) == set(titles.values()), "every listed post has its summary on /blog/"
    found = {file: problems for file, problems in seen.items() if problems}
    assert not found, f"summaries on /blog/ with syntax left:{_listing(found)}"


def _feed_items(name: str, content: bytes) -> list[tuple[str, str]]:
    """(title, HTML) of each item of the feed ``name``."""
    if name == "feed.json":
        return [(item["title"], item["content_html"]) for item in json.loads(content)["items"]]
    root = ElementTree.fromstring(content)
    if name == "rss.xml":
        return [(i.findtext("title"), i.findtext("description")) for i in root.iter("item")]
    atom = "{http://www.w3.org/2005/Atom}"
    return [
        (e.findtext(f"{atom}title"), e.findtext(f"{atom}summary") or e.findtext(f"{atom}content"))
        for e in root.iter(f"{atom}entry")
    ]


@pytest.mark.parametrize("full_content", [True, False], ids=["full", "summary"])
@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_the_feeds_show_no_markdown_or_jsx(corpus, client, settings, name, full_content):
    settings.BLOG = {**settings.BLOG, "FEED_FULL_CONTENT": full_content}
    response = client.get(f"/blog/{name}")
    assert response.status_code == 200
    items = _feed_items(name, response.content)
    assert items, f"/blog/{name} has no items"
    found = {
        title: problems
        for title, html in items
        if (problems := leftovers(title) + leftovers(_fragment_text(html or "")))
    }
    assert not found, f"/blog/{name}: syntax left in these items:{_listing(found)}"


# -- every old address keeps working ---------------------------------------------------------


def _old_addresses() -> list[tuple[str, str]]:
    """(file, address): each Docusaurus address, with and without the slash a host may add."""
    return [
        (expected.file, variant)
        for expected in POSTS
        for address in expected.old
        for variant in (address, *(() if address.endswith(".html") else (address + "/",)))
    ]


@pytest.mark.parametrize("file, address", _old_addresses())
def test_every_old_post_address_redirects_permanently_to_the_post(corpus, client, file, address):
    target = corpus.post(file).get_absolute_url()
    statuses, status, final = _follow(client, address)
    assert statuses and set(statuses) == {301} and (status, final) == (200, target), (
        f"{address} ({file}) answers {statuses or [status]} ending at {final} ({status}); "
        f"expected 301 to {target}"
    )


def test_a_draft_has_no_old_address(corpus, client):
    statuses, status, _ = _follow(client, "/blog/2023/04/02/concept")
    assert status == 404, f"the draft's Docusaurus address answers {statuses} then {status}"


@pytest.mark.parametrize("address, label", OLD_TAG_PAGES.items())
def test_old_tag_pages_lead_to_the_tag(corpus, client, address, label):
    tag = Tag.objects.filter(name=label).first()
    assert tag is not None, f"no tag labelled {label!r} was imported"
    target = reverse("posts:tag", args=[tag.slug])
    statuses, status, final = _follow(client, address)
    assert set(statuses) <= {301} and (status, final) == (200, target), (
        f"{address} answers {statuses} ending at {final} ({status}); expected {target}"
    )


@pytest.mark.parametrize("key", AUTHOR_KEYS)
def test_old_author_pages_lead_to_the_author(corpus, client, key):
    author = Author.objects.filter(key=key).first()
    assert author is not None, f"author {key!r} of authors.yml was not imported"
    target = reverse("posts:author", args=[author.key])
    statuses, status, final = _follow(client, f"/blog/authors/{key}")
    assert set(statuses) <= {301} and (status, final) == (200, target), (
        f"/blog/authors/{key} answers {statuses} ending at {final} ({status}); expected {target}"
    )


@pytest.mark.parametrize("address", OLD_LIST_PAGES)
def test_old_list_pages_and_feeds_answer(corpus, client, address):
    statuses, status, _ = _follow(client, address)
    assert set(statuses) <= {301} and status == 200, f"{address}: {statuses} then {status}"


def test_the_second_list_page_is_our_second_page(corpus, client):
    statuses, status, final = _follow(client, "/blog/page/2")
    assert set(statuses) == {301} and (status, final) == (200, "/blog/?page=2")


# -- links and headings ------------------------------------------------------------------------


@pytest.mark.parametrize("expected", POSTS, ids=str)
def test_every_link_within_the_blog_resolves(corpus, request, client, expected):
    """Links to sibling files lead to the imported posts; ``#anchor`` links to an element of
    the page (a heading's ``{#custom-id}`` among them). Links into the old site are reported
    instead (see the notes test)."""
    document = _article_page(corpus, expected, request)
    body = _body(_article(document, expected))
    ids = {element.get("id") for element in document.iter() if element.get("id")}
    hrefs = [link.get("href", "") for link in body.iter("a")]
    broken = [
        href
        for href in hrefs
        if (href.startswith("#") and href[1:] not in ids)
        or (href.startswith("/blog/") and _follow(client, href)[1] != 200)
    ]
    assert broken == [], f"{expected.file}: links that go nowhere"


def test_links_to_sibling_files_point_at_their_posts(corpus, client):
    document = _page(client, corpus.post("2024-02-14-links.md"))
    hrefs = {a.get("href") for a in document.iter("a")}
    targets = {
        "2023-01-15-jaaroverzicht.md": "",
        "2024-05-01-feature/index.mdx": "",
        "2023-11-11-codeblokken.mdx": "#regels-aanwijzen",
    }
    for file, anchor in targets.items():
        assert corpus.post(file).get_absolute_url() + anchor in hrefs, file


def test_the_table_of_contents_follows_the_front_matter(corpus, client):
    document = _page(client, corpus.post("2023-07-01-zonder-inhoudsopgave.md"))
    assert document.find(".//nav[@class='toc']") is None, "hide_table_of_contents: true"
    document = _page(client, corpus.post("2023-05-14-bijgewerkt.md"))
    toc = document.find(".//nav[@class='toc']")
    assert toc is not None, "toc_min/max_heading_level 2-3: a table of contents"
    entries = "".join(toc.itertext())
    assert "Eerste stap" in entries and "Voorbereiden" in entries
    assert "Een detail buiten de inhoudsopgave" not in entries, "an h4 beyond toc_max 3"


# -- images ----------------------------------------------------------------------------------


@pytest.mark.parametrize("expected", POSTS, ids=str)
def test_every_image_shows(corpus, client, request, expected):
    document = _article_page(corpus, expected, request)
    article = _article(document, expected)
    body_images = [img.get("src", "") for img in _body(article).iter("img")]
    assert len(body_images) == expected.images, f"{expected.file}: images in the body"
    sources = [img.get("src", "") for img in document.iter("img")]
    images = [
        meta.get("content", "")
        for meta in document.iter("meta")
        if meta.get("property") == "og:image"
    ]
    # A post without a cover (and still visible) is shared with its generated link card.
    covers = [src for src in images if not urlsplit(src).path.endswith("/card.png")]
    assert bool(covers) == expected.cover, f"{expected.file}: og:image of its image: cover"
    if not expected.cover and not expected.draft:
        (card,) = images
        assert client.get(urlsplit(card).path).status_code == 200, f"{expected.file}: card"
    missing = [
        src
        for src in sources + covers
        if (name := _stored_name(src)) is None or not default_storage.exists(name)
    ]
    assert missing == [], f"{expected.file}: images not in media storage"


# -- the import report -----------------------------------------------------------------------


@pytest.fixture
def notes(corpus) -> dict[str, tuple[str, ...]]:
    return corpus.notes


@pytest.mark.parametrize("component", ["AlertBox", "Tweet", "Highlight"])
def test_other_components_are_reported_at_their_line(notes, component):
    file = "2024-01-20-componenten.mdx"
    line = _line_of(file, f"<{component}")
    assert f"line {line}: component <{component}> kept as its inner text" in notes[file]


@pytest.mark.parametrize("file", ["2024-05-01-feature/index.mdx", "2024-01-20-componenten.mdx"])
def test_dropped_mdx_statements_are_reported_with_their_lines(notes, file):
    lines = ", ".join(map(str, _prose_lines_starting(file, "import ", "export ")))
    assert f"MDX import/export dropped (line {lines})" in notes[file]


def test_links_into_the_old_site_are_reported_at_their_line(notes):
    file = "2024-02-14-links.md"
    line = _line_of(file, "(/docs/intro)")
    assert f"line {line}: link /docs/intro points into the old site" in notes[file]


def test_the_unknown_key_is_reported_once_for_its_file(corpus):
    reported = {
        _relative(o.path): o.unknown_keys
        for o in corpus.report.outcomes
        if "custom_field" in o.unknown_keys
    }
    assert reported == {"2023-07-01-zonder-inhoudsopgave.md": ("custom_field",)}


def test_docusaurus_keys_are_not_reported_as_unknown(corpus):
    """``lang``, ``last_update``, ``sidebar_label``, ``toc_*_heading_level`` mean something."""
    unknown = {key for outcome in corpus.report.outcomes for key in outcome.unknown_keys}
    assert unknown == {"custom_field"}


# -- authors and languages -------------------------------------------------------------------


@pytest.mark.parametrize("file, names", AUTHOR_ORDER.items())
def test_authors_keep_their_order(corpus, client, file, names):
    document = _page(client, corpus.post(file))
    header = document.find(".//article[@class='post']/header")
    shown = ["".join(a.itertext()) for a in header.iter("a") if a.get("class") == "author"]
    assert shown == names, file


@pytest.mark.parametrize("expected", POSTS, ids=str)
def test_the_article_has_the_language_of_its_post(corpus, request, expected):
    document = _article_page(corpus, expected, request)
    assert _article(document, expected).get("lang") == expected.lang, expected.file


def test_an_english_post_has_english_labels(corpus, request):
    expected = EXPECTED["2024-04-04-release-notes.md"]
    document = _article_page(corpus, expected, request)
    body = _body(_article(document, expected))
    labels = ["".join(e.itertext()) for e in body.iter() if e.get("class") == "admonition-label"]
    headings = ["".join(h.itertext()) for h in body.iter("h2")]
    assert labels == ["Note", "Warning"] and "Notes" in headings, (labels, headings)
