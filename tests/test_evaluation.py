"""Scoring against gold files: the matching rules, and `edukg eval` on a corpus of our own."""

from __future__ import annotations

import json

from click.testing import CliRunner

from edukg.cli import main
from edukg.evaluation import Score, compare_sets, compare_targets, fold_title

DOC = "news.txt"
TEXT = (
    "西城区推进集团化办学纪实\n"
    "西城区自2016年起推行集团化办学。"
    "按照《關於深化集團化辦學的意見》，全区继续推进干部教师交流轮岗。\n"
)


def test_titles_match_across_brackets_punctuation_and_script():
    assert fold_title("《北京市智慧校园建设规范（试行）》") == fold_title(
        "北京市智慧校園建設規範(試行)"
    )
    assert fold_title("关于A的意见") != fold_title("关于B的意见")


def test_scores_on_sets():
    result = compare_sets({"a", "b", "c"}, {"b", "c", "d", "e"})
    assert (result.score.precision, result.score.recall) == (0.5, 2 / 3)
    assert result.misses == ["a"]
    assert result.false_hits == ["d", "e"]
    assert Score().f1 == 1.0  # nothing expected, nothing found


def test_targets_need_value_unit_and_deadline_and_a_similar_metric():
    gold = [{"metric": "普惠性幼儿园覆盖率", "value": 90, "unit": "%", "deadline": 2025}]
    same = [{"metric": "全市普惠性幼儿园覆盖率", "value": 90.0, "unit": "%", "deadline": 2025}]
    late = [{"metric": "普惠性幼儿园覆盖率", "value": 90, "unit": "%", "deadline": 2027}]
    other = [{"metric": "公办园在园幼儿占比", "value": 90, "unit": "%", "deadline": 2025}]
    assert compare_targets(gold, same).score.true_positives == 1
    assert compare_targets(gold, late).score.true_positives == 0
    assert compare_targets(gold, other).score.true_positives == 0


def test_eval_command_scores_a_document(tmp_path):
    docs, gold_dir = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold_dir.mkdir()
    (docs / DOC).write_text(TEXT, encoding="utf-8")
    gold = {
        "doc": DOC,
        "regions": [{"name": "西城区", "adcode": "110102"}, {"name": "海淀区", "adcode": "110108"}],
        "policies": [{"title": "关于深化集团化办学的意见"}],
        "implements": [
            {"region": "西城区", "adcode": "110102", "measure": "group_schooling", "year": 2016},
            {"region": "西城区", "adcode": "110102", "measure": "teacher_rotation", "year": None},
        ],
        "cites": [],
        "targets": [],
    }
    (gold_dir / f"{DOC}.gold.json").write_text(json.dumps(gold, ensure_ascii=False))

    result = CliRunner().invoke(main, ["eval", str(gold_dir), str(docs), "--json"])

    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["micro"]["implements"]["recall"] == 1.0
    assert scores["micro"]["policies"]["f1"] == 1.0
    regions = scores["documents"][DOC]["regions"]
    assert regions["misses"] == ["110108"]  # named in the gold only
    assert regions["precision"] == 1.0
