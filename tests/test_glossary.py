"""The glossary takes every English/Chinese pair of the framework tables, or says why a pair holds no terms."""

from __future__ import annotations

import re

from scaling_book.inputs.load import load_table
from scaling_book.schemas.registry import FRAMEWORK_TABLES
from scaling_book.views.glossary import (
    NAMED_IDS,
    excluded_pairs,
    glossary,
    glossary_chapter,
    glossary_label,
    glossary_parts,
    term_sources,
)


def bilingual_pairs() -> set[tuple[str, str]]:
    """(table, English column) of every `<x>_en` column that has a `<x>_zh` partner."""
    return {
        (table.name, name)
        for table in FRAMEWORK_TABLES
        for name in table.column_names
        if name.endswith("_en") and name[:-3] + "_zh" in table.column_names
    }


def test_every_bilingual_pair_of_every_framework_table_is_a_term_source_or_excluded_with_a_reason():
    sources = {(source.table, source.english) for source in term_sources()}
    excluded = excluded_pairs()
    pairs = bilingual_pairs()
    assert ("sub_documents", "title_en") in pairs and ("timeline_tasks", "name_en") in pairs  # the finder works
    unclassified = pairs - sources - set(excluded)
    assert not unclassified, f"pairs neither in the glossary nor excluded: {sorted(unclassified)}"
    assert not sources & set(excluded)
    assert set(excluded) <= pairs and all(excluded.values())
    for source in term_sources():
        assert source.english[:-3] + "_zh" == source.chinese, source


def test_the_review_s_missing_terms_are_in_the_glossary():
    chinese = set(glossary().chinese)
    for term in [
        "长期趋势分析",
        "技术收敛驱动力",
        "优化器收敛",
        "MoE成为标配",
        "国产算力突破",
        "国产算力",
        "端侧优化",
        "信通院",
        "MCP 协议",
        "未收敛区域",
        "核心因素",
        "玩家",
        "主流",
        "基础模型提供商",
        "量化+蒸馏",
        "二次方复杂度",
    ]:
        assert term in chinese, term


def test_core_terms_have_definitions():
    terms = glossary()
    core = {
        "convergence level",
        "level nickname",
        "pyramid layer",
        "five-layer table layer",
        "convergence layer",
        "driver group",
        "driver",
        "anti-convergence force",
        "system layer",
        "concept",
        "timeline task",
        "sub-document",
        "divergence case",
    }
    missing = terms[terms.kind.isin(core) & terms.definition.isna()]
    assert missing.empty, missing[["english", "kind"]].to_string()
    defined = terms.definition.dropna()
    assert not defined.str.contains(r"\{|\}|\bnan\b|\?\.$").any()  # every template was filled
    assert (terms.definition.notna().mean()) > 0.95


def test_composed_definitions_name_only_existing_columns():
    templates = [source for source in term_sources() if source.definition is not None]
    assert len(templates) == 22 and term_sources()[0].definition is None  # glossary_terms has its own definitions
    for source in templates:
        columns = set(load_table(source.table).columns)
        names = {column.removesuffix("_id") + "_name" for column in columns if column in NAMED_IDS}
        assert set(re.findall(r"\{(\w+)\}", source.definition)) <= columns | names, source
        used = set(re.findall(r"\{(\w+)\}", source.definition))
        assert not used & set(NAMED_IDS), f"{source}: name the item ({{area_name}}), not its id"


def test_glossary_parts_hold_every_term_once_and_fit_a_table():
    from scaling_book.render.tables import MAX_TABLE_ROWS

    terms = glossary()
    parts = glossary_parts()
    assert sum(len(part) for _, part in parts) == len(terms)
    assert all(len(part) <= MAX_TABLE_ROWS for _, part in parts)
    joined = [english for _, part in parts for english in part.english]
    assert joined == terms.english.to_list()  # alphabetical order kept across the parts
    small = glossary_parts(max_rows=40)
    assert len(small) > len(parts) and all(len(part) <= 40 for _, part in small)


def test_term_sources_keep_the_first_source_of_a_repeated_term_first():
    sources = term_sources()
    assert (sources[0].table, sources[0].kind) == ("glossary_terms", "concept")
    assert [source.kind for source in sources if source.table == "forces"] == [
        "anti-convergence force",
        "divergence effect",
        "contrast of a force",
    ]
    assert excluded_pairs()[("forces", "mechanism_en")] == "sentence"


def test_glossary_chapter_shows_every_part_and_counts_terms_and_kinds():
    results = glossary_chapter()
    terms = glossary()
    assert results.value("glossary.terms") == len(terms)
    assert results.value("glossary.kinds") == terms.kind.nunique()
    assert list(results.tables) == [glossary_label(letters) for letters, _ in glossary_parts(terms)]
    assert glossary_label("L–Z") == "tbl-glossary-l-z" and glossary_label("Q") == "tbl-glossary-q"
    first = next(iter(results.tables.values())).frame
    assert list(first.columns) == ["English", "中文", "Kind", "Definition"] and first.Definition.notna().all()


def test_the_glossary_defines_the_books_own_measures():
    from scaling_book.inputs.load import load_table
    from scaling_book.views.glossary import glossary

    terms = glossary().set_index("english")
    measures = load_table("book_measures")
    for row in measures.itertuples():
        assert terms.loc[row.name_en, "kind"] == "measure or concept of this book"
        assert terms.loc[row.name_en, "definition"] == row.definition_en
    assert "Effective number of options" in terms.index and "Leader share" in terms.index
