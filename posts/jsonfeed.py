"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a generator for Django's syndication
framework: the feed classes stay the same, only the output format differs."""

import json

from django.utils.feedgenerator import SyndicationFeed


class JSONFeed(SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding: str) -> None:
        feed = self.feed
        data = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "items": [self._item(item) for item in self.items],
        }
        outfile.write(json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False))

    @staticmethod
    def _item(item: dict) -> dict:
        entry = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["description"],
            "date_published": item["pubdate"].isoformat() if item["pubdate"] else None,
            "date_modified": item["updateddate"].isoformat() if item["updateddate"] else None,
            "authors": [{"name": item["author_name"]}] if item["author_name"] else None,
            "tags": list(item["categories"] or ()) or None,
            "language": item.get("language"),
        }
        return {k: v for k, v in entry.items() if v}
