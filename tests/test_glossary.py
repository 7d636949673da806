"""The glossary takes every English/Chinese pair of the framework tables, or says why a pair holds no terms."""

from __future__ import annotations

import re

from scaling_book.inputs.load import load_table
from scaling_book.views.glossary import DEFINITIONS, NOT_TERMS, TERM_SOURCES, glossary, glossary_parts
from scaling_book.schemas.registry import FRAMEWORK_TABLES


def bilingual_pairs() -> set[tuple[str, str]]:
    """(table, English column) of every `<x>_en` column that has a `<x>_zh` partner."""
    return {(table.name, name) for table in FRAMEWORK_TABLES for name in table.column_names
            if name.endswith("_en") and name[:-3] + "_zh" in table.column_names}


def test_every_bilingual_pair_of_every_framework_table_is_a_term_source_or_excluded_with_a_reason():
    sources = {(table, english) for table, english, _, _ in TERM_SOURCES}
    pairs = bilingual_pairs()
    assert ("sub_documents", "title_en") in pairs and ("timeline_tasks", "name_en") in pairs  # the finder works
    unclassified = pairs - sources - set(NOT_TERMS)
    assert not unclassified, f"pairs neither in the glossary nor excluded: {sorted(unclassified)}"
    assert not sources & set(NOT_TERMS)
    assert set(NOT_TERMS) <= pairs and all(NOT_TERMS.values())
    for table, english, chinese, _ in TERM_SOURCES:
        assert english[:-3] + "_zh" == chinese, (table, english)


def test_the_review_s_missing_terms_are_in_the_glossary():
    chinese = set(glossary().chinese)
    for term in ["长期趋势分析", "技术收敛驱动力", "优化器收敛", "MoE成为标配", "国产算力突破", "国产算力", "端侧优化",
                 "信通院", "MCP 协议", "未收敛区域", "核心因素", "玩家", "主流", "基础模型提供商", "量化+蒸馏", "二次方复杂度"]:
        assert term in chinese, term


def test_core_terms_have_definitions():
    terms = glossary()
    core = {"convergence level", "level nickname", "pyramid layer", "five-layer table layer", "convergence layer",
            "driver group", "driver", "anti-convergence force", "system layer", "concept", "timeline task",
            "sub-document", "divergence case"}
    missing = terms[terms.kind.isin(core) & terms.definition.isna()]
    assert missing.empty, missing[["english", "kind"]].to_string()
    defined = terms.definition.dropna()
    assert not defined.str.contains(r"\{|\}|\bnan\b|\?\.$").any()  # every template was filled
    assert (terms.definition.notna().mean()) > 0.95


def test_composed_definitions_name_only_existing_columns():
    for (table, english), template in DEFINITIONS.items():
        columns = set(load_table(table).columns)
        assert set(re.findall(r"\{(\w+)\}", template)) <= columns, (table, english)


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
