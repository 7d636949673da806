"""The classify command: known levels of typed shares, JSON output, every bad-input message, files with n, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from scaling_book.analysis.atlas import READINGS, placement_rules
from scaling_book.analysis.classify_input import ClassifyInputError, parse_inline
from scaling_book.analysis.classify_result import BOOTSTRAP, DIRICHLET
from scaling_book.views.classify import main, run

from .conftest import ROOT

HEADER = "area_id,option_id,scenario,year,share,n,source,method\n"
SOURCE = '"https://example.org/survey (Example Institute, 2025-01-15)"'  # quoted: it holds a comma


def level_of(*tokens: str) -> str:
    return json.loads(run([*tokens, "--json"]))["level"]


@pytest.mark.parametrize(
    ("tokens", "level"),
    [
        (("a=0.6", "b=0.4"), "L2"),
        (("a=0.4", "b=0.3", "c=0.3"), "L1"),
        # At the 5% floor a 5% option is a real alternative, so 95/5 is a won contest (L3), not L4.
        (("a=0.95", "b=0.05"), "L3"),
        (("a=0.97", "b=0.03"), "L4"),
        (("--scenario", "phone", "edge=0.8", "cloud=0.2", "--scenario", "dc", "edge=0.1", "cloud=0.9"), "L0"),
    ],
)
def test_known_levels(tokens, level):
    assert level_of(*tokens) == level


def test_book_rules_are_the_seeds_thresholds_and_book_yml():
    rules = placement_rules()
    assert (rules.real_option_min_share, rules.winner_share, rules.fragmented_below) == (0.05, 0.9, 0.5)
    assert rules.scenario_split_first


def test_json_output():
    data = json.loads(run(["open=0.4", "api=0.35", "unreleased=0.25", "--json"]))
    assert data["input"]["option_set"] == ["open", "api", "unreleased"]
    assert data["measures"]["leader_share"] == pytest.approx(0.4)
    assert data["measures"]["hhi"] == pytest.approx(0.4**2 + 0.35**2 + 0.25**2)
    assert data["measures"]["effective_options"] == pytest.approx(1 / (0.4**2 + 0.35**2 + 0.25**2))
    assert data["level"] == "L1"
    assert sum(data["probabilities"].values()) == pytest.approx(1.0)
    assert data["uncertainty"]["method"] == DIRICHLET and data["uncertainty"]["share_sd"] == 0.1
    assert [row["reading"] for row in data["sensitivity"]] == [reading.name_en for reading in READINGS]


def test_sensitivity_moves_a_boundary_case():
    data = json.loads(run(["a=0.95", "b=0.05", "--json"]))
    levels = {row["reading"]: row["level"] for row in data["sensitivity"]}
    assert levels["Real-option floor 10%"] == "L4"  # 5% is no longer a real option
    assert levels["Real-option floor 1%"] == "L3"
    winner_80 = [
        row for row in json.loads(run(["a=0.85", "b=0.15", "--json"]))["sensitivity"] if "80%" in row["reading"]
    ]
    assert winner_80 == [{"reading": "Winner share 80%", "level": "L3", "changed": True}]


def test_text_output_names_every_part():
    text = run(["a=0.6", "b=0.4"])
    for part in ("leader share", "HHI", "effective number of options", "normalised entropy", "degree"):
        assert part in text
    assert "Level: L2" in text and "Level probabilities" in text and "Sensitivity" in text
    assert "Dirichlet sensitivity of the stated shares" in text


@pytest.mark.parametrize(
    ("tokens", "message"),
    [
        (["a=0.7", "b=0.5"], "add up to 1.2, more than 1"),
        (["a=-0.1", "b=0.5"], "cannot be negative"),
        (["a=40%", "b=0.6"], "write shares as decimals, not percentages: a=0.4"),
        (["a0.4"], "has no '='"),
        (["a=x"], "is not a number"),
        (["a=0,4"], "use a point for decimals, a=0.4"),
        (["a=1.5"], "cannot exceed 1"),
        (["--scenario"], "--scenario needs a name"),
        (["a=0.4", "--scenario", "x", "b=0.2"], "give every share after a --scenario"),
        (["--area", "release_mode", "a=0.4"], "choose rows of a --file"),
        (["--bogus"], "unknown option '--bogus'"),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2(tokens, message, capsys):
    assert main(tokens) == 2
    error = capsys.readouterr().err
    assert message in error
    assert error.count("\n") == 1, error


def test_no_shares(capsys):
    with pytest.raises(ClassifyInputError, match="no shares given"):
        parse_inline([])
    assert main(["--json"]) == 2 and "no shares given" in capsys.readouterr().err
    assert main([]) == 2  # prints the usage


def write(tmp_path, rows: str, name: str = "mine.csv"):
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_file_with_n_uses_a_multinomial_bootstrap(tmp_path):
    path = write(
        tmp_path,
        f"release_mode,open_weights,all,2024,0.6,50,{SOURCE},survey of model cards\n"
        f"release_mode,api_or_hosted,all,2024,0.3,50,{SOURCE},survey of model cards\n"
        f"release_mode,unreleased,all,2024,0.1,50,{SOURCE},survey of model cards\n",
    )
    data = json.loads(run(["--file", str(path), "--json"]))
    assert data["input"]["area_id"] == "release_mode" and data["input"]["year"] == 2024
    assert data["input"]["option_set"] == ["open_weights", "api_or_hosted", "unreleased"]
    assert data["level"] == "L2"
    assert data["uncertainty"]["method"] == BOOTSTRAP and data["uncertainty"]["counts"] == {"all": 50}
    assert 0.5 < data["probabilities"]["L2"] < 1.0  # 50 models leave the 60% leader and the 10% option uncertain


def test_declared_option_set_sets_the_degree(tmp_path):
    path = write(
        tmp_path,
        f"training_hardware,nvidia,all,2023,0.6,,{SOURCE},count\ntraining_hardware,google_tpu,all,2023,0.4,,{SOURCE},count\n",
    )
    data = json.loads(run(["--file", str(path), "--json"]))
    assert len(data["input"]["option_set"]) == 4  # declared by the atlas, not the two named
    assert data["measures"]["degree"] == pytest.approx((4 * 0.52 - 1) / 3)
    assert data["uncertainty"]["method"] == DIRICHLET


def file_error(tmp_path, rows: str, *extra: str, capsys) -> str:
    path = write(tmp_path, rows)
    assert main(["--file", str(path), *extra]) == 2
    return capsys.readouterr().err


def test_file_errors_name_file_row_column_and_fix(tmp_path, capsys):
    error = file_error(tmp_path, f"release_mode,closed,all,2024,0.6,,{SOURCE},m\n", capsys=capsys)
    assert "mine.csv, row 1 (line 2), column 'option_id'" in error
    assert "'closed' is not an option of area 'release_mode'; use one of open_weights" in error
    error = file_error(tmp_path, f"release_mode,unreleased,all,2024,40%,,{SOURCE},m\n", capsys=capsys)
    assert "column 'share'" in error and "0.4 for 40%" in error
    error = file_error(tmp_path, f"nowhere,x,all,2024,0.5,,{SOURCE},m\n", capsys=capsys)
    assert "'nowhere' is not an area the book knows" in error
    rows = f"release_mode,unreleased,all,2024,0.6,,{SOURCE},m\nrelease_mode,unreleased,all,2023,0.6,,{SOURCE},m\n"
    error = file_error(tmp_path, rows, capsys=capsys)
    assert "2 area-years match; choose one with --area ID --year Y" in error
    assert main(["--file", str(tmp_path / "mine.csv"), "--year", "2023"]) == 0


def test_mixed_counts_are_refused(tmp_path, capsys):
    rows = f"release_mode,unreleased,all,2024,0.6,10,{SOURCE},m\nrelease_mode,open_weights,all,2024,0.3,,{SOURCE},m\n"
    assert "give n (the models behind the shares) on every row" in file_error(tmp_path, rows, capsys=capsys)


def test_same_input_same_output(tmp_path):
    tokens = ["--scenario", "phone", "edge=0.55", "cloud=0.45", "--scenario", "dc", "edge=0.3", "cloud=0.7", "--json"]
    assert run(tokens) == run(tokens)
    path = write(tmp_path, f"release_mode,open_weights,all,2024,0.5,20,{SOURCE},m\n")
    assert run(["--file", str(path)]) == run(["--file", str(path)])


def test_command_runs_as_a_subprocess():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SCALING_BOOK_ROOT": str(ROOT)}
    command = [sys.executable, "-m", "scaling_book.views.classify"]
    done = subprocess.run([*command, "open=0.4", "api=0.6"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "Level: L2" in done.stdout
    bad = subprocess.run([*command, "open=40%"], capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip() == "classify: 'open=40%': write shares as decimals, not percentages: open=0.4"
