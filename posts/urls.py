from django.urls import path

from posts import cards, citing, feeds, views

app_name = "posts"

urlpatterns = [
    path("", views.PostListView.as_view(), name="list"),
    path("rss.xml", feeds.PostFeed(), name="rss"),
    path("atom.xml", feeds.AtomPostFeed(), name="atom"),
    path("feed.json", feeds.JSONPostFeed(), name="json"),
    # Addresses a Docusaurus blog had: dated posts and numbered list pages.
    path(
        "<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.docusaurus_dated_post,
        name="docusaurus-dated",
    ),
    path("page/<int:number>/", views.docusaurus_list_page, name="docusaurus-page"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path(
        "archive/<int:year>/<int:month>/",
        views.ArchiveMonthView.as_view(),
        name="archive-month",
    ),
    path("tags/", views.TagListView.as_view(), name="tags"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("tags/<slug:slug>/rss.xml", feeds.TagFeed(), name="tag-rss"),
    path("tags/<slug:slug>/atom.xml", feeds.AtomTagFeed(), name="tag-atom"),
    path("authors/<slug:key>/", views.AuthorDetailView.as_view(), name="author"),
    path("<slug:slug>/card.png", cards.card_view, name="card"),
    path("<slug:slug>/cite.<str:extension>", citing.cite_article, name="cite"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="detail"),
]
