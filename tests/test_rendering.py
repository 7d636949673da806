"""Tables, glued numbers and charts render data as text, never as markup or script."""

from __future__ import annotations

import base64
import json
import re

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from scaling_book.inputs import provenance
from scaling_book.render import glue as numbers
from scaling_book.render import tables
from scaling_book.render.figures import VL_VERSION, ChartFigure, escape_json_for_html, javascript_bundle
from scaling_book.render.tables import PREVIEW_ROWS, md_escape, show_table, table_markdown
from scaling_book.views import drivers, levels
from scaling_book.views.charts import MAX_CHART_ENTITIES
from scaling_book.views.charts import framework as framework_charts
from scaling_book.views.results import MAX_TABLE_ROWS, ChapterResults
from scaling_book.views.text import FORMATTERS

HOSTILE = "</script><script>alert(1)</script> & % $ # _ { } ~ ^ \\ `code` *em* [link](x) {glue}`k` $x$ | 收敛"

# The parts of MyST that could turn text into something else: HTML, math, roles, tables.
PARSER = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin).use(myst_role_plugin)


def rendered_text(markdown: str) -> str:
    tokens = PARSER.parseInline(markdown)[0].children or []
    assert {token.type for token in tokens} <= {"text", "softbreak"}, [token.type for token in tokens]
    return "".join(token.content for token in tokens)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_escaped_text_renders_as_the_same_plain_text(text):
    expected = " ".join(text.split())
    if expected:
        assert rendered_text(md_escape(text)) == expected


def test_hostile_string_stays_text():
    assert rendered_text(md_escape(HOSTILE)) == HOSTILE


def test_table_markdown_numbers_and_captions_the_table():
    frame = pd.DataFrame({"Name": [HOSTILE, "b"], "Share": [0.4, None]})
    markdown = table_markdown(frame, label="tbl-demo", caption="A demo.", source="seed 001 § 3.1 & more")
    lines = markdown.splitlines()
    assert lines[0] == "::::{table} A demo." and lines[1] == ":name: tbl-demo"
    body = [line for line in lines if line.startswith("| ")]
    assert len(body) == 3  # header and two rows
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "| b | – |" in markdown  # missing values are shown as a dash
    assert "Source: seed 001 § 3\\.1 \\& more. " in markdown
    assert 'href="data/tbl-demo.csv"' in markdown


def test_table_labels_are_checked():
    with pytest.raises(ValueError, match="tbl-some-name"):
        table_markdown(pd.DataFrame({"a": [1]}), label="Table 1", caption="x", source="y")


@given(st.text())
def test_chart_json_escaping_round_trips_and_hides_markup(text):
    payload = json.dumps({"value": text}, ensure_ascii=False)
    escaped = escape_json_for_html(payload)
    assert not re.search(r"[<>&\u2028\u2029]", escaped)
    assert json.loads(escaped) == {"value": text}


def demo_chart() -> alt.Chart:
    data = pd.DataFrame({"option": [HOSTILE, "云端模型"], "share": [0.4, 0.6]})
    return alt.Chart(data).mark_bar().encode(x="share:Q", y="option:N", tooltip=["option", "share"])


def test_chart_figure_html_keeps_the_payload_inside_json():
    figure = ChartFigure("fig-demo", demo_chart(), "seed 001 </script>")
    html = figure.html()
    assert html.count("<script") == 1 and html.count("</script>") == 1  # only the JSON container
    assert "alert(1)" in html and "<script>alert" not in html
    spec = json.loads(html.split('class="sb-chart-spec">')[1].split("</script>")[0])
    assert spec["title"]["text"] == ["Source: seed 001 </script>"]
    assert figure.data["option"].tolist() == [HOSTILE, "云端模型"]


def test_chart_figure_gives_the_pdf_build_a_vector_pdf_not_a_placeholder():
    bundle = ChartFigure("fig-demo", demo_chart(), "seed")._repr_mimebundle_()
    assert set(bundle) == {"text/html", "application/pdf", "text/plain"}
    assert base64.b64decode(bundle["application/pdf"]).startswith(b"%PDF-")
    assert "alt.Chart" not in bundle["text/plain"]


def test_chart_must_draw_exactly_one_dataset():
    first = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    second = alt.Chart(pd.DataFrame({"x": [2]})).mark_point().encode(x="x:Q")
    with pytest.raises(ValueError, match="exactly one dataset"):
        ChartFigure("fig-two", first + second, "seed")


def test_javascript_bundle_is_self_contained():
    bundle = javascript_bundle()
    assert "window.vegaEmbed" in bundle and "drawCharts" in bundle
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", bundle)
    assert "import(" not in bundle.replace('import("./', "")  # no dynamic module loads


@pytest.mark.parametrize(
    ("unit", "value", "text"),
    [
        ("fraction", 0.953, "95%"),
        ("count", 1234, "1,234"),
        ("multiple", 40 / 3, "13.3×"),
        ("year", 2027, "2027"),
        ("stars", 4, "★★★★☆ (4/5)"),
    ],
)
def test_number_formats(unit, value, text):
    assert FORMATTERS[unit](value) == text


def test_glue_number_records_value_unit_and_sources(tmp_path, monkeypatch):
    record_file = tmp_path / "events.jsonl"
    monkeypatch.setenv("SCALING_BOOK_RECORD", str(record_file))
    monkeypatch.setenv("SCALING_BOOK_DOCNAME", "chapters/demo")
    monkeypatch.setattr(numbers, "_glued", set())
    monkeypatch.setattr(provenance, "_reads", {})
    provenance.note_input("data/framework/levels.csv", b"x")
    numbers.glue_number("demo.share", 0.25, "fraction")
    events = [json.loads(line) for line in record_file.read_text().splitlines()]
    assert events[-1] == {
        "event": "number",
        "key": "demo.share",
        "value": 0.25,
        "unit": "fraction",
        "text": "25%",
        "chapter": "chapters/demo",
        "sources": ["data/framework/levels.csv"],
    }
    with pytest.raises(ValueError, match="glued twice"):
        numbers.glue_number("demo.share", 0.5, "fraction")
    with pytest.raises(ValueError, match="must be finite"):
        numbers.glue_number("demo.nan", float("nan"), "fraction")


def test_a_long_table_shows_its_first_rows_and_its_csv_keeps_them_all(tmp_path, monkeypatch):
    monkeypatch.setenv("SCALING_BOOK_RECORD", str(tmp_path / "events.jsonl"))
    rows = MAX_TABLE_ROWS + 1
    frame = pd.DataFrame({"Row": [f"row {index}" for index in range(rows)]})
    markdown = table_markdown(frame, label="tbl-long", caption="Long.", source="synthetic")
    body = [line for line in markdown.splitlines() if line.startswith("| row ")]
    assert body[0] == "| row 0 |" and len(body) == PREVIEW_ROWS
    assert f"The first {PREVIEW_ROWS} of {rows} rows are shown; the CSV has all of them." in markdown
    whole = table_markdown(frame.head(MAX_TABLE_ROWS), label="tbl-whole", caption="Whole.", source="synthetic")
    assert len([line for line in whole.splitlines() if line.startswith("| row ")]) == MAX_TABLE_ROWS
    show_table(frame, label="tbl-long", caption="Long.", source="synthetic")
    assert pd.read_csv(tmp_path / "artifacts/tbl-long.csv")["Row"].tolist() == frame["Row"].tolist()
    assert "are shown" not in whole


def test_a_chart_of_many_entities_draws_the_first_ones_and_says_so():
    areas = MAX_CHART_ENTITIES + 12
    frame = pd.DataFrame(
        {
            "area": [f"area {index}" for index in range(areas)],
            "level_id": "L2",
            "options": 2,
            "options_en": "a; b",
            "panel": "L2 name",
            "criterion": None,
            "criterion_label": None,
        }
    )
    figure = ChartFigure("fig-many", framework_charts.named_options_panels(frame), "synthetic")
    assert figure.data["area"].tolist() == [f"area {index}" for index in range(MAX_CHART_ENTITIES)]
    assert figure.spec["spec"]["height"] == {"step": 22}
    source_line = " ".join(figure.spec["title"]["text"])
    assert f"The first {MAX_CHART_ENTITIES} of {areas} areas are shown." in source_line
    few = ChartFigure("fig-few", framework_charts.named_options_panels(frame.head(3)), "synthetic")
    assert len(few.data) == 3 and "are shown" not in " ".join(few.spec["title"]["text"])


def test_long_axis_and_legend_labels_are_drawn_whole():
    long_name = "A very long bilingual area name that goes on and on (一个非常长的双语领域名称，一直延续下去)"
    frame = pd.DataFrame({"area": [long_name, "short"], "value": [1, 2]})
    chart = alt.Chart(frame).mark_bar().encode(x="value:Q", y="area:N", color="area:N")
    svg = vlc.vegalite_to_svg(ChartFigure("fig-test-long-labels", chart, "test").spec, vl_version=VL_VERSION)
    assert "…" not in svg
    assert svg.count(">" + long_name + "<") == 2  # the axis label and the legend label, neither cut


def test_the_arrow_diagram_names_each_group_over_its_panel():
    arrows = drivers.arrow_frame()
    svg = vlc.vegalite_to_svg(
        ChartFigure("fig-test-arrows", framework_charts.arrow_panels(arrows), "test").spec, vl_version=VL_VERSION
    )
    assert arrows["group"].nunique() == 4
    assert all(svg.count(f">{group.split(' (')[0]}<") == 1 for group in arrows["group"].unique())  # Chinese below


def test_each_level_has_a_panel_of_named_options_with_its_own_count_criterion():
    frame = levels.options_by_level()
    figure = ChartFigure("fig-test-options", framework_charts.named_options_panels(frame), "test")
    svg = vlc.vegalite_to_svg(figure.spec, vl_version=VL_VERSION)
    assert [svg.count(f">{panel.split(' (')[0]}<") for panel in dict.fromkeys(frame["panel"])] == [1] * 5
    criteria = frame.drop_duplicates("level_id").set_index("level_id")["criterion"]
    assert criteria.loc[["L4", "L2", "L1"]].tolist() == [1.0, 2.0, 3.0]
    assert criteria.loc[["L3", "L0"]].isna().all()


def test_a_dataset_is_published_whole_with_a_line_that_links_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SCALING_BOOK_RECORD", str(tmp_path / "events.jsonl"))
    monkeypatch.setenv("SCALING_BOOK_DOCNAME", "chapters/evidence/demo")
    results = ChapterResults()
    frame = pd.DataFrame({"year": range(MAX_TABLE_ROWS * 2), "share": 0.5})
    results.dataset("demo-shares", frame, description="every year's share")
    with pytest.raises(ValueError, match="computed twice"):
        results.dataset("demo-shares", frame, description="again")
    shown: list[object] = []
    monkeypatch.setattr(tables, "display", shown.append)
    tables.show(results, "demo-shares")
    assert pd.read_csv(tmp_path / "artifacts/demo-shares.csv").equals(frame)
    line = shown[0].data
    assert line.startswith('<a class="sb-download" href="../../data/demo-shares.csv" download>')
    assert f"{MAX_TABLE_ROWS * 2} rows × 2 columns: every year" in line
    results.dataset("tbl-demo", frame, description="a table's name")
    with pytest.raises(ValueError, match="no fig-/tbl-"):
        tables.show(results, "tbl-demo")


def test_an_html_only_table_is_unnumbered_in_an_only_block_with_its_anchor(tmp_path, monkeypatch):
    monkeypatch.setenv("SCALING_BOOK_RECORD", str(tmp_path / "events.jsonl"))
    shown: list[object] = []
    monkeypatch.setattr(tables, "display", shown.append)
    frame = pd.DataFrame({"Column": ["a", "b"]})
    show_table(frame, label="tbl-demo", caption="Demo.", source="synthetic", html_only=True)
    markdown = shown[0].data
    assert markdown.startswith('::::::{only} html\n<div class="sb-html-only"><span id="tbl-demo"></span>')
    assert markdown.endswith("</div>\n::::::") and ":name:" not in markdown
    assert "**Demo.**\n\n::::{table}\n:class:" in markdown  # the caption as a paragraph: no table number
    assert pd.read_csv(tmp_path / "artifacts/tbl-demo.csv").equals(frame)  # its CSV is still published


def test_an_html_only_table_with_a_print_note_leaves_the_pdf_its_caption_rows_and_csv(tmp_path, monkeypatch):
    monkeypatch.setenv("SCALING_BOOK_RECORD", str(tmp_path / "events.jsonl"))
    shown: list[object] = []
    monkeypatch.setattr(tables, "display", shown.append)
    frame = pd.DataFrame({"Column": ["a", "b", "c"]})
    show_table(frame, label="tbl-demo", caption="Demo.", source="synthetic", html_only=True, print_note=True)
    html_part, _, note = shown[0].data.partition("</div>\n::::::")
    assert html_part.startswith("::::::{only} html") and ":name:" not in note
    assert note.startswith("\n\n::::::{only} latex\n**Demo.** In the HTML edition only (3 rows)")
    assert '<a class="sb-download" href="data/tbl-demo.csv" download>Data (CSV)</a>' in note and note.endswith("::::::")
    with pytest.raises(ValueError, match="HTML-only"):
        show_table(frame, label="tbl-demo", caption="Demo.", source="synthetic", print_note=True)


def test_a_print_list_sets_each_row_as_a_paragraph_with_its_first_cell_in_bold(tmp_path, monkeypatch):
    monkeypatch.setenv("SCALING_BOOK_RECORD", str(tmp_path / "events.jsonl"))
    shown: list[object] = []
    monkeypatch.setattr(tables, "display", shown.append)
    frame = pd.DataFrame(
        {"English": ["Leader share", "L4"], "中文": ["—", "完全收敛"], "Definition": ["A *share*.", ""]}
    )
    show_table(frame, label="tbl-demo", caption="Demo.", source="synthetic", html_only=True, print_list=True)
    printed = shown[0].data.partition("::::::{only} latex\n")[2]
    assert printed.startswith(
        "*Demo.*\n\n**Leader share** · A \\*share\\*\\.\n\n**L4** · 完全收敛\n\nSource: synthetic."
    )
    assert printed.endswith("::::::")


@pytest.mark.parametrize(
    ("phrase", "inside"),
    [("The L0 document puts L1 at 30%", "the L0 document puts L1 at 30%"), ("L1 technologies", "L1 technologies")],
)
def test_a_phrase_reads_in_lower_case_inside_a_sentence_unless_it_opens_with_an_acronym(phrase, inside):
    from scaling_book.views.text import mid_sentence

    assert mid_sentence(phrase) == inside
