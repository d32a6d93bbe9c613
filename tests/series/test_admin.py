import pytest

from series.models import SeriesEntry
from tests.forms import form_data


@pytest.mark.django_db
def test_an_editor_can_swap_two_parts_of_a_series_in_one_save(
    editor_client, make_post, make_series
):
    first, second = make_post(title="Eerste"), make_post(title="Tweede")
    series = make_series(posts=[first, second])
    url = f"/admin/series/series/{series.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), form_id="series_form")
    rows = {data[f"entries-{i}-post"]: i for i in range(2)}
    data[f"entries-{rows[str(first.pk)]}-position"] = "2"
    data[f"entries-{rows[str(second.pk)]}-position"] = "1"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    order = SeriesEntry.objects.filter(series=series).order_by("position")
    assert [entry.post for entry in order] == [second, first]


@pytest.mark.django_db
def test_two_parts_cannot_be_given_one_position(editor_client, make_post, make_series):
    series = make_series(posts=[make_post(), make_post()])
    url = f"/admin/series/series/{series.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), form_id="series_form")
    data["entries-1-position"] = data["entries-0-position"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert sorted(series.entries.values_list("position", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_position_zero_is_refused_with_a_message(editor_client, make_post, make_series):
    series = make_series(posts=[make_post()])
    url = f"/admin/series/series/{series.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), form_id="series_form")
    data["entries-0-position"] = "0"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "1" in str(response.context["inline_admin_formsets"][0].formset.errors)
