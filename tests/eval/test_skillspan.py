"""The SkillSpan scorer reads the CoNLL files as documented and counts right."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval import skillspan
from tests.eval.skillspan import Taxonomy, house_documents, score_documents, tech_documents

# A TECH-style file written for this test (the layout PROVENANCE.md describes: token, skill tag, knowledge tag;
# a blank line between sentences; two postings, each with its header and "Technologies" tags).
_TECH = """\
Backend Engineer\tO\tO
<ORGANIZATION>\tO\tO

<ADDRESS>\tO\tO
<LOCATION>\tO\tO

Date\tO\tO
posted:\tO\tO
2021-01-01\tO\tO

Technologies\tO\tO

java\tO\tB-Knowledge
amazon-web-services\tO\tB-Knowledge
cloud\tO\tB-Knowledge
.\tO\tB-Knowledge
net\tO\tI-Knowledge

Job\tO\tO
description\tO\tO

You\tO\tO
know\tO\tO
Java\tO\tB-Knowledge
and\tO\tO
AWS\tO\tO
and\tO\tO
Excel\tO\tO
.\tO\tO

Frontend Developer\tO\tO
<ORGANIZATION>\tO\tO

<ADDRESS>\tO\tO

Date\tO\tO
posted:\tO\tO
2021-01-02\tO\tO

Technologies\tO\tO

go\tO\tO

Job\tO\tO
description\tO\tO

Experience\tO\tO
with\tO\tO
Kubernetes\tO\tB-Knowledge
.\tO\tO
"""


@pytest.fixture()
def tech_file(tmp_path: Path) -> Path:
    path = tmp_path / "tech.conll"
    path.write_text(_TECH, encoding="utf-8")
    return path


def test_tech_postings_tags_and_bodies(tech_file):
    docs = tech_documents(tech_file)
    assert [d.tags for d in docs] == [["java", "amazon-web-services", "cloud", ".net"], ["go"]]
    # The body stops before the next posting's header; the header is not part of it.
    assert docs[0].text == "You know Java and AWS and Excel ."
    assert docs[1].text == "Experience with Kubernetes ."
    assert docs[0].spans == [(2, 3)]


def test_scores_count_tags_in_text_names_and_spans(tech_file):
    docs = tech_documents(tech_file)

    def extractor(text):  # a fixed answer: Java, AWS and Excel for the first posting, Kubernetes for the second
        names = [n for n in ("Java", "AWS", "Microsoft Excel", "Kubernetes") if n.split()[-1] in text]
        mentions = [(n, text.index(n.split()[-1]), text.index(n.split()[-1]) + len(n.split()[-1])) for n in names]
        return names, mentions

    scores = score_documents(docs, extractor, Taxonomy()).as_dict()
    # java and amazon-web-services (as "AWS") occur; cloud, .net and go do not.
    assert (scores["tags"], scores["tags_in_text"], scores["tag_recall"]) == (5, 2, 1.0)
    # Java (tag), AWS (tag), Excel (neither), Kubernetes (Knowledge span): 3 of 4.
    assert scores["precision"] == 0.75
    # Spans: Java and Kubernetes exactly; AWS and Excel are not Knowledge spans.
    assert scores["span_exact"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)}


def test_tag_spellings():
    taxonomy = Taxonomy()
    assert taxonomy.skill_of_tag("amazon-web-services") == "AWS"
    assert taxonomy.skill_of_tag("reactjs") == "React"
    assert taxonomy.skill_of_tag("node.js") == "Node.js"
    assert taxonomy.tag_pattern("amazon-web-services").search("on AWS today")
    # The taxonomy's case-sensitive forms count only as written: "go" is not the tag go.
    assert not taxonomy.tag_pattern("go").search("ready to go home")
    assert taxonomy.tag_pattern("go").search("services in Go and Rust")


def test_house_blocks(tmp_path):
    path = tmp_path / "house.conll"
    path.write_text("".join(f"word{i}\tO\tO\n\n" for i in range(60)), encoding="utf-8")
    blocks = house_documents(path)
    assert [len(b.text.split("\n")) for b in blocks] == [25, 25, 10]


_DATA = skillspan.DATA


@pytest.mark.skipif(not (_DATA / "skillspan_tech_dev.conll").exists(),
                    reason="SkillSpan data (../shared/datasets/skillspan) absent")
def test_real_dev_split_reads_every_posting():
    docs = tech_documents(_DATA / "skillspan_tech_dev.conll")
    assert len(docs) == 29
    assert all(d.tags and d.text for d in docs)
    audit = skillspan.load_audit()
    assert audit and all(doc.split(":")[0] in ("tech", "house") for doc, _name in audit)
