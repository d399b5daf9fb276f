"""Synthetic Chinese education-reform documents for the benchmarks: deterministic and seeded.

Document i depends only on the seed and i, so the corpus of 100 is the first 100 documents of
the corpus of 1 000. The sentence patterns are written for this project and filled in from the
real administrative divisions (`edukg.ingest.gazetteer`), the measure taxonomy
(`edukg.ingest.taxonomy`), invented policy titles and 文号, years and figures. Like a real
collection, the corpus mixes news reports and policy texts, Simplified and Traditional script
(OpenCC s2t / s2tw), running paragraphs and newspaper columns with stray spaces, UTF-8,
GB18030 and Big5 files.

    python -m bench.corpus OUT_DIR --count 1000
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

from edukg.ingest.gazetteer import Region, load_gazetteer
from edukg.ingest.resolve import PROVINCE_ABBREVIATIONS
from edukg.ingest.taxonomy import MeasureConcept, load_taxonomy

SEED = 20240901
TARGET_CHARS = (2600, 3400)  # the length of a document is drawn from this range

POLICY_SHARE = 0.3
TRADITIONAL_SHARE = 0.25
COLUMN_SHARE = 0.3
LEGACY_ENCODING_SHARE = 0.15  # of each script: GB18030 for Simplified, Big5 for Traditional
# A few regions are written about far more than the rest, as in real news.
POPULAR_REGIONS = 150
POPULAR_SHARE = 0.5

# National policies the documents cite: titles and 文号 invented for the benchmark.
NATIONAL_POLICIES = (
    ("关于深化基础教育综合改革的若干意见", "教基〔2019〕5号"),
    ("义务教育优质均衡发展三年行动方案", "教基〔2021〕3号"),
    ("关于加强新时代中小学教师队伍建设的意见", "教师〔2018〕2号"),
    ("关于推进县域普通高中振兴的实施意见", "教基〔2022〕7号"),
    ("基础教育数字化转型行动计划", "教科技〔2023〕1号"),
    ("关于全面推进中小学劳动教育的指导意见", "教基〔2020〕9号"),
    ("学前教育普及普惠提升工程实施方案", "教基〔2021〕11号"),
    ("关于深化新时代教育评价改革的实施办法", "教督〔2020〕4号"),
    ("中小学课后服务质量提升行动方案", "教基〔2023〕6号"),
    ("关于推进家校社协同育人的指导意见", "教基〔2022〕12号"),
    ("乡村教师队伍建设支持计划", "教师〔2015〕8号"),
    ("关于推进普通高中多样化有特色发展的意见", "教基〔2019〕10号"),
    ("中小学校长职级制改革试点工作方案", "教师〔2017〕6号"),
    ("关于规范义务教育招生入学工作的通知", "教基〔2018〕4号"),
)
PAPERS = ("城乡教育观察", "基础教育导报", "教育改革周刊", "校园新闻网", "地方教育时讯", "教师之友")
# A policy's kind, and how the text refers to itself (本意见).
POLICY_KINDS = (
    ("实施意见", "意见"), ("实施方案", "方案"), ("工作方案", "方案"), ("若干措施", "措施"),
    ("指导意见", "意见"), ("三年行动计划", "计划"),
)  # fmt: skip
POLICY_VERBS = ("深化", "推进", "全面实施", "加快推进", "进一步做好")

# Sentences written for this benchmark. Fields: {region} {other} {measure} {year} {deadline}
# {n} {groups} {teachers} {pct} {money} {students} {policy} {number} {local_policy}.
IMPLEMENTS = (
    "{region}自{year}年起推行{measure}，目前已覆盖全区{n}所学校。",
    "{year}年，{region}在全省率先启动{measure}试点，首批参与学校{n}所。",
    "早在{year}年，{region}就开始探索{measure}，积累了不少经验。",
    "{region}从{year}年开始实施{measure}，参与教师累计超过{teachers}人次。",
    "截至{year}年底，{region}的{measure}已惠及{students}名学生。",
    "近年来，{region}把{measure}作为深化改革的重点，{year}年以来累计投入专项经费{money}万元。",
    "记者了解到，{region}于{year}年全面推开{measure}，组建了{groups}个工作专班。",
    "{year}年以来，{region}以{measure}为抓手，推动城乡学校携手发展。",
    "{region}教育局负责人介绍，{measure}是当地近年来着力推进的一项改革。",
    "与{other}相似，{region}也在{year}年前后推行了{measure}。",
    "在{region}，{measure}已经从{year}年的几所试点校扩展到{n}所学校。",
    "{region}还把{measure}写进了{year}年的政府工作报告。",
)
TARGETS = (
    "到{deadline}年，{region}义务教育学校纳入教育集团的比例达到{pct}%以上。",
    "计划到{deadline}年，普惠性幼儿园覆盖率不低于{pct}%。",
    "到{deadline}年，全区专任教师中本科及以上学历的比例达到{pct}%。",
    "力争到{deadline}年新增公办学位{students}个，新建改扩建学校{n}所。",
    "到{deadline}年，每年参加交流轮岗的教师不少于符合条件教师总数的{small_pct}%。",
)
CITATIONS = (
    "为贯彻落实《{policy}》（{number}），{region}结合本地实际制定了配套措施。",
    "根据《{policy}》的要求，{region}进一步明确了改革的时间表和路线图。",
    "{region}教育局印发《{local_policy}》，对{measure}作出具体安排。",
    "对照《{policy}》，各校逐项梳理了本学年的工作任务。",
)
FILLERS = (
    "开学第一天，校园里处处洋溢着欢声笑语。",
    "一位家长说，孩子在离家不远的学校就能享受到优质课程，心里踏实多了。",
    "多位校长表示，改革成败的关键在于把教师队伍建设好。",
    "教研员定期深入课堂听课评课，帮助青年教师尽快站稳讲台。",
    "学校还开设了书法、围棋、陶艺等社团，丰富学生的课余生活。",
    "在经费保障方面，当地财政连续多年保持教育投入只增不减。",
    "专家认为，推进教育均衡需要久久为功，不能急于求成。",
    "下一步，当地将继续加大投入，让更多孩子享有公平而有质量的教育。",
    "座谈会上，来自城区和乡村学校的教师代表交流了各自的体会。",
    "不少学校利用放学后的时间组织阅读、科技和体育活动。",
    "学校食堂实行校长陪餐制度，家长代表定期参与监督。",
    "据统计，全区现有中小学{n}所，在校生{students}人，专任教师{teachers}人。",
    "今年秋季学期，当地新建、改扩建校舍{area}万平方米。",
    "一名初二学生告诉记者，现在的课堂更有意思了，同学们都愿意举手发言。",
    "记者在一所乡村小学看到，新建的图书室里坐满了正在阅读的孩子。",
)
POLICY_SECTIONS = ("总体要求", "主要目标", "重点任务", "保障措施", "组织实施")
POLICY_ITEMS = (
    "（{k}）扎实推进{measure}。{region}各学校要围绕{measure}制定工作计划，于{year}年底前完成部署。",
    "（{k}）健全{measure}工作机制。建立区、校两级工作台账，每学期开展一次专项督导。",
    "（{k}）加强经费保障。区财政每年安排专项资金{money}万元，统筹用于{measure}。",
    "（{k}）强化宣传引导。及时总结推广{measure}的典型经验，营造良好社会氛围。",
)


@dataclass(frozen=True)
class SyntheticDocument:
    name: str
    text: str
    encoding: str  # how the file is saved: utf-8, gb18030 or big5


@dataclass(frozen=True)
class _Vocabulary:
    counties: tuple[Region, ...]  # in a fixed random order: the first ones are "popular"
    regions: dict[str, Region]
    children: dict[str, list[Region]]  # parent adcode -> its counties
    measures: tuple[MeasureConcept, ...]
    abbreviations: dict[str, str]  # province name -> one-character abbreviation


@cache
def _vocabulary() -> _Vocabulary:
    gazetteer = load_gazetteer()
    regions = {region.adcode: region for region in gazetteer}
    counties = [r for r in regions.values() if r.level == "county" and r.parent in regions]
    random.Random(SEED).shuffle(counties)
    children: dict[str, list[Region]] = {}
    for county in counties:
        children.setdefault(county.parent, []).append(county)
    abbreviations: dict[str, str] = {}
    for abbreviation, province in PROVINCE_ABBREVIATIONS.items():
        abbreviations.setdefault(province, abbreviation)
    return _Vocabulary(tuple(counties), regions, children, load_taxonomy(), abbreviations)


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def document(index: int, seed: int = SEED) -> SyntheticDocument:
    """The `index`-th document of the corpus with this seed."""
    rng = random.Random(f"{seed}:{index}")
    writer = _Writer(rng, _vocabulary())
    is_policy = rng.random() < POLICY_SHARE
    text = writer.policy_text() if is_policy else writer.news_text()
    if rng.random() < COLUMN_SHARE:
        text = _newspaper_columns(text, rng)
    traditional = rng.random() < TRADITIONAL_SHARE
    if traditional:
        text = _converter(rng.choice(("s2t", "s2tw"))).convert(text)
    encoding = "utf-8"
    if rng.random() < LEGACY_ENCODING_SHARE:
        encoding = _encodable("big5" if traditional else "gb18030", text)
    kind = "policy" if is_policy else "news"
    return SyntheticDocument(f"{index:05d}-{kind}.txt", text, encoding)


@dataclass(frozen=True)
class Corpus:
    paths: list[Path]
    chars: int


def write_corpus(folder: Path, count: int, seed: int = SEED) -> Corpus:
    """Write documents 0 .. count-1 into `folder` (which should be empty)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, chars = [], 0
    for index in range(count):
        doc = document(index, seed)
        path = folder / doc.name
        path.write_bytes(doc.text.encode(doc.encoding))
        paths.append(path)
        chars += len(doc.text)
    return Corpus(paths, chars)


def _encodable(encoding: str, text: str) -> str:
    """`encoding` when it can hold every character of `text`, else UTF-8."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return "utf-8"
    return encoding


class _Writer:
    """Fills the sentence patterns for one document about one subject county."""

    def __init__(self, rng: random.Random, vocabulary: _Vocabulary) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        counties = vocabulary.counties
        if rng.random() < POPULAR_SHARE:
            counties = counties[:POPULAR_REGIONS]
        self.county = rng.choice(counties)
        self.parent = vocabulary.regions[self.county.parent]
        self.published = rng.randint(2015, 2025)
        self.measures = rng.sample(vocabulary.measures, rng.randint(3, 7))
        neighbours = vocabulary.children[self.county.parent]
        self.neighbours = [c for c in neighbours if c != self.county] or [self.parent]
        self.length = rng.randint(*TARGET_CHARS)
        self.decks: dict[tuple[str, ...], list[str]] = {}

    # ----------------------------------------------------------------- documents

    def news_text(self) -> str:
        measure = self._measure_name(self.measures[0])
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        lines = [
            self.rng.choice(
                (
                    f"{self.county.name}：{measure}让好学校离家更近",
                    f"{self.parent.name}{self.county.name}深入推进{measure}纪实",
                    f"从试点到全覆盖——{self.county.name}教育改革观察",
                )
            ),
            f"{self.published}年{month}月{day}日　来源：{self.rng.choice(PAPERS)}",
            "",
            f"走进{self.county.full_name}的校园，变化随处可见。" + self._fill(self._next(FILLERS)),
        ]
        while sum(map(len, lines)) < self.length:
            lines.append(self._paragraph())
        return "\n".join(lines) + "\n"

    def policy_text(self) -> str:
        measure = self._measure_name(self.measures[0])
        verb, (kind, short_kind) = self.rng.choice(POLICY_VERBS), self.rng.choice(POLICY_KINDS)
        title = f"{self.county.full_name}关于{verb}{measure}的{kind}"
        issued = self.rng.randint(2016, 2025)
        province = self.vocabulary.regions[self.county.province]
        lead = self.vocabulary.abbreviations.get(province.name, "")
        number = f"{lead}{self.county.name[0]}教发〔{issued}〕{self.rng.randint(1, 40)}号"
        cited, cited_number = self.rng.choice(NATIONAL_POLICIES)
        lines = [
            title,
            number,
            "",
            "各乡镇（街道）中心学校，区直各学校：",
            f"为贯彻落实《{cited}》（{cited_number}），结合{self.county.name}实际，制定本{short_kind}。",
        ]
        for number_zh, section in zip("一二三四五", POLICY_SECTIONS, strict=False):
            lines.append(f"{number_zh}、{section}")
            lines.append(self._paragraph())
            if sum(map(len, lines)) > self.length:
                break
        items = 0
        while sum(map(len, lines)) < self.length:
            items += 1
            pattern = self._next(POLICY_ITEMS)
            lines.append(self._fill(pattern.replace("{k}", _chinese_number(items))))
            if self.rng.random() < 0.5:
                lines.append(self._paragraph())
        lines += ["", f"{self.county.full_name}教育局", f"{issued}年{self.rng.randint(1, 12)}月"]
        return "\n".join(lines) + "\n"

    # ---------------------------------------------------------------- sentences

    def _paragraph(self) -> str:
        families = self.rng.choices(
            (IMPLEMENTS, TARGETS, CITATIONS, FILLERS), (5, 1, 1, 3), k=self.rng.randint(3, 5)
        )
        return "".join(self._fill(self._next(family)) for family in families)

    def _next(self, family: tuple[str, ...]) -> str:
        """The next pattern of a family, dealt from a shuffled deck: no repeats until all
        patterns of the family have been used."""
        deck = self.decks.get(family)
        if not deck:
            deck = self.decks[family] = self.rng.sample(family, len(family))
        return deck.pop()

    def _fill(self, pattern: str) -> str:
        rng = self.rng
        concept = rng.choice(self.measures)
        year = rng.randint(2005, max(2006, self.published - 1))
        deadline = rng.randint(max(self.published, 2020) + 1, 2035)
        national, national_number = rng.choice(NATIONAL_POLICIES)
        local_kind = rng.choice(POLICY_KINDS)[0]
        local_policy = f"{self.county.name}{self._measure_name(concept)}{local_kind}"
        return pattern.format(
            region=self._region_name(),
            other=rng.choice(self.neighbours).name,
            measure=self._measure_name(concept),
            year=year,
            deadline=deadline,
            n=rng.randint(5, 120),
            groups=rng.randint(2, 40),
            teachers=rng.randint(50, 3000),
            pct=rng.randint(60, 99),
            small_pct=rng.randint(5, 20),
            money=rng.randint(200, 50000),
            students=rng.randint(1000, 200000),
            area=round(rng.uniform(0.5, 30), 1),
            policy=national,
            number=national_number,
            local_policy=local_policy,
        )

    def _region_name(self) -> str:
        """Mostly the subject county, sometimes with its parent, a neighbour or the parent."""
        roll = self.rng.random()
        if roll < 0.6:
            return self.county.name
        if roll < 0.75:
            return self.parent.name + self.county.name
        if roll < 0.9:
            return self.rng.choice(self.neighbours).name
        return self.parent.name

    def _measure_name(self, concept: MeasureConcept) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choice(concept.surface_forms)
        return concept.name_zh


def _newspaper_columns(text: str, rng: random.Random) -> str:
    """Break every paragraph at a fixed column, blank lines between some paragraphs, and a
    few stray spaces before 年 — the way text comes out of a scanned newspaper page."""
    width = rng.randint(10, 22)
    out = []
    for paragraph in text.split("\n"):
        if rng.random() < 0.3:
            paragraph = paragraph.replace("年", " 年", 1)
        out += [paragraph[i : i + width] for i in range(0, len(paragraph), width)] or [""]
        if rng.random() < 0.4:
            out.append("")
    return "\n".join(out) + "\n"


def _chinese_number(n: int) -> str:
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    tens, ones = divmod(n, 10)
    return (digits[tens - 1] if tens > 1 else "") + "十" + (digits[ones - 1] if ones else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    corpus = write_corpus(args.folder, args.count, args.seed)
    print(f"{len(corpus.paths)} documents, {corpus.chars:,} characters in {args.folder}")


if __name__ == "__main__":
    main()
