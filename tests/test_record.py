import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itemadapter import ItemAdapter

from scraper.items import JobPosting
from scraper.record import (
    NORMALIZED_KEYS,
    RECORD_KEYS,
    SEED_KEYS,
    content_hash,
    dump_front_matter,
    dump_front_matter_pyyaml,
    front_matter_values,
    parse_record,
    render_record,
    yaml_safe_text,
)

SEED_ORDER = ["title", "location", "host", "companyName", "url", "applyUrl", "timestamp", "hashtags", "jobType",
              "logoUrl", "companyWebsite", "summary", "summaryBackup", "featured"]


def test_key_order_is_the_contract():
    assert list(SEED_KEYS) == SEED_ORDER
    assert list(RECORD_KEYS[:14]) == SEED_ORDER
    assert {"id", "source", "board", "contentHash", "closedAt", "firstSeen", "lastSeen"} <= set(NORMALIZED_KEYS)


def test_empty_item_renders_every_key_with_empty_values():
    meta, body = parse_record(render_record(ItemAdapter(JobPosting())))
    assert list(meta) == list(RECORD_KEYS)
    assert meta["timestamp"] == 0 and meta["featured"] == 0
    assert meta["title"] == "" and meta["locations"] == [] and meta["status"] == "open"
    assert meta["salary"] == {"min": None, "max": None, "currency": "", "period": "", "raw": ""}
    assert meta["skills"] == {"required": [], "niceToHave": []}
    assert meta["experienceYears"] == {"min": None, "max": None}
    assert body == "## Job description\n"


def test_seed_style_front_matter():
    text = dump_front_matter(front_matter_values({"title": "Backend Engineer - Remote (EU)", "timestamp": 1607472000000,
                                                  "featured": 20}))
    lines = text.splitlines()
    assert lines[0] == 'title: "Backend Engineer - Remote (EU)"'
    assert 'timestamp: 1607472000000' in lines and "featured: 20" in lines
    assert 'hashtags: ""' in lines


HOSTILE = ["a: b", "---", "# comment", "&anchor *alias", "!!python/object/apply:os.system ['id']", "line\nbreak",
           "\r\n", "'\"", "\x85\u2028\u2029", "\x00\x1b[31m", "null", "~", "yes", "0x1F", "1e3", "-", "? x", "|",
           ">", "%YAML 1.1", "... ", "\ufeffbom", "\ud800lone", "😀 é ß", " lead and trail "]


def test_hostile_titles_round_trip_exactly():
    for title in HOSTILE:
        item = ItemAdapter(JobPosting(title=title, companyName=title, locations=[{"city": title}]))
        meta, _ = parse_record(render_record(item))
        assert meta["title"] == yaml_safe_text(title), repr(title)
        assert meta["locations"][0]["city"] == yaml_safe_text(title)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(), body=st.text(), tags=st.lists(st.text(max_size=20), max_size=5),
       ts=st.integers(min_value=0, max_value=2**53))
def test_front_matter_round_trip_property(title, body, tags, ts):
    item = ItemAdapter(JobPosting(title=title, summary=title, description=body, timestamp=ts,
                                  applicantRegions=tags, skills={"required": tags, "niceToHave": []}))
    text = render_record(item)
    meta, parsed_body = parse_record(text)
    assert meta["title"] == yaml_safe_text(title)
    assert meta["summary"] == yaml_safe_text(title)
    assert meta["timestamp"] == ts
    assert meta["applicantRegions"] == [yaml_safe_text(t) for t in tags]
    assert meta["skills"]["required"] == [yaml_safe_text(t) for t in tags]
    assert list(meta) == list(RECORD_KEYS)
    # Nothing in the front matter can be taken for its closing delimiter.
    front = text.split("\n---\n", 1)[0]
    assert "\n---" not in front[4:] or all(not line.startswith("---") for line in front.splitlines()[1:])
    assert parsed_body.startswith("## Job description")


def test_front_matter_is_safe_yaml_only():
    text = render_record(ItemAdapter(JobPosting(title="!!python/object/apply:os.system ['id']")))
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"].startswith("!!python")


def test_content_hash_ignores_bookkeeping_but_sees_content():
    a = JobPosting(title="x", description="body")
    b = JobPosting(title="x", description="body", lastSeen="2026-01-01T00:00:00Z", status="closed")
    c = JobPosting(title="x", description="body changed")
    assert content_hash(ItemAdapter(a)) == content_hash(ItemAdapter(b))
    assert content_hash(ItemAdapter(a)) != content_hash(ItemAdapter(c))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["title", "salary", "locations", "skills", "timestamp", "x y", "yes", "n"]),
                       st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans(),
                                 st.lists(st.text(max_size=10), max_size=3),
                                 st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=5), st.none(),
                                                                                 st.integers()), max_size=3),
                                 st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
                                          max_size=2)),
                       max_size=8))
def test_fast_writer_and_pyyaml_load_to_the_same_values(values):
    fast = yaml.load(dump_front_matter(values), Loader=yaml.CSafeLoader)
    reference = yaml.load(dump_front_matter_pyyaml(values), Loader=yaml.CSafeLoader)
    assert fast == reference or (fast != fast)  # NaN is never equal to itself
    assert list(fast or {}) == list(reference or {})


def test_fast_writer_is_byte_identical_on_ordinary_records():
    record = front_matter_values({"title": "Backend Engineer - Remote (EU)", "timestamp": 1607472000000,
                                  "locations": [{"city": "Berlin", "region": "Berlin", "country": "DE"}],
                                  "skills": {"required": ["SQL"], "niceToHave": ["Ruby", "Rust"]},
                                  "salary": {"min": 8.86, "max": 17.85, "currency": "EUR", "period": "HOUR",
                                             "raw": "€8,86 – €17,85"}, "featured": 20})
    assert dump_front_matter(record) == dump_front_matter_pyyaml(record)
