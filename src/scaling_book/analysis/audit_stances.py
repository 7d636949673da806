"""Contradictions between the seeds' qualitative statements: every closed/open pair on one topic.

The statements are ``data/editorial/audit_stances.csv`` (stance and topic coded by the book) plus one
"done" statement for every Gantt task marked done (``timeline_tasks.csv``), placed on its topic by
``audit_task_topics.csv``. A stance is closed (settled, no alternative, done) or open (contested,
challenged, diverging, incomplete) by ``audit_stance_poles.csv``; a closed and an open statement on
the same topic say opposite things.
"""

from __future__ import annotations

import pandas as pd

from scaling_book.inputs.load import load_table

STANCE_COLUMNS = ["statement_id", "topic", "stance", "quote_zh", "statement_en", "source"]
PAIR_COLUMNS = ["topic", "closed_id", "closed_stance", "closed_source", "open_id", "open_stance", "open_source"]


def done_statements(tasks: pd.DataFrame, task_topics: pd.DataFrame) -> pd.DataFrame:
    """One 'done' statement per Gantt task whose status is done, on the task's topic (stray topics stop the build)."""
    done = tasks[tasks["seed_status"] == "done"]
    topics = task_topics.set_index("task_id")["topic"]
    missing = sorted(set(done["task_id"]) - set(topics.index))
    if missing:
        raise KeyError(f"Gantt tasks marked done with no topic in audit_task_topics.csv: {missing}")
    return pd.DataFrame(
        {
            "statement_id": [f"gantt.{task_id}" for task_id in done["task_id"]],
            "topic": [topics[task_id] for task_id in done["task_id"]],
            "stance": "done",
            "quote_zh": [f"{name} :done" for name in done["name_zh"]],
            "statement_en": [f"The Gantt chart marks “{name}” as done" for name in done["name_en"]],
            "source": list(done["source"]),
        },
        columns=STANCE_COLUMNS,
    )


def all_statements(
    stances: pd.DataFrame | None = None, tasks: pd.DataFrame | None = None, task_topics: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The coded statements and the Gantt's done statuses, with each stance's pole."""
    stances = load_table("audit_stances") if stances is None else stances
    tasks = load_table("timeline_tasks") if tasks is None else tasks
    task_topics = load_table("audit_task_topics") if task_topics is None else task_topics
    poles = load_table("audit_stance_poles").set_index("stance")["pole"]
    statements = pd.concat([stances[STANCE_COLUMNS], done_statements(tasks, task_topics)], ignore_index=True)
    return statements.assign(pole=statements["stance"].map(poles))


def opposite_pairs(statements: pd.DataFrame) -> pd.DataFrame:
    """Every (closed, open) pair of statements on the same topic, in the order of the statements."""
    closed = statements[statements["pole"] == "closed"]
    opened = statements[statements["pole"] == "open"]
    pairs = closed.merge(opened, on="topic", suffixes=("_closed", "_open"))
    return pd.DataFrame(
        {
            "topic": pairs["topic"],
            "closed_id": pairs["statement_id_closed"],
            "closed_stance": pairs["stance_closed"],
            "closed_source": pairs["source_closed"],
            "open_id": pairs["statement_id_open"],
            "open_stance": pairs["stance_open"],
            "open_source": pairs["source_open"],
        },
        columns=PAIR_COLUMNS,
    ).reset_index(drop=True)


def task_contradictions(pairs: pd.DataFrame, task_id: str) -> list[str]:
    """The open statements that contradict the done status of ``task_id`` (empty when none does)."""
    return list(pairs.loc[pairs["closed_id"] == f"gantt.{task_id}", "open_id"])


def task_support(statements: pd.DataFrame, task_id: str) -> list[str]:
    """The other closed statements on the topic of a done task."""
    mine = statements[statements["statement_id"] == f"gantt.{task_id}"]
    if mine.empty:
        return []
    topic = mine["topic"].iloc[0]
    same = statements[(statements["topic"] == topic) & (statements["pole"] == "closed")]
    return [sid for sid in same["statement_id"] if sid != f"gantt.{task_id}"]
