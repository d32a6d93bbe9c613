from posts.rendering import render


def test_an_image_on_another_site_becomes_a_link_and_a_warning():
    rendered = render("Inleiding.\n\n![Grafiek van groei](https://example.org/g.png)")
    assert "<img" not in rendered.html
    assert 'href="https://example.org/g.png"' in rendered.html
    assert "Grafiek van groei" in rendered.html
    [problem] = rendered.problems
    assert (problem.code, problem.severity, problem.line) == ("external-image", "warning", 3)
    assert "https://example.org/g.png" in problem.message


def test_an_image_in_the_summary_is_reported_once():
    rendered = render("![a](//cdn.example/a.png)\n\n<!--truncate-->\n\nRest.")
    assert [p.code for p in rendered.problems] == ["external-image"]
    assert "<img" not in rendered.summary_html


def test_our_own_and_data_images_stay_images():
    html = render("![Logo](/media/uploads/logo.png) ![x](data:image/png;base64,AAAA)").html
    assert '<img src="/media/uploads/logo.png" alt="Logo">' in html
    assert 'src="data:image/png;base64,AAAA"' in html


def test_raw_html_images_from_other_sites_lose_their_address():
    html = render('<img src="https://tracker.example/p.gif" alt="pixel">').html
    assert "tracker.example" not in html
