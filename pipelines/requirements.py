"""Requirements from the posting's text: skills (required / nice to have), spoken languages, seniority,
experience, workplace and applicant regions, salary, employment type, posting language.

What a source states in its own fields (Lever's salaryRange, Recruitee's remote flag, Workable's employment
type, ...) was normalized before this step and wins; the text fills what is still empty.  Skills, languages,
regions and experience come from the text only.  Counts jobs/requirements/<field>/found.
"""

from __future__ import annotations

from scraper.normalize.requirements import extract_from_markdown

from .base import CountingPipeline, fields

# Fields the text may only fill, never overrule.
_SOURCE_FIRST = ("workplace", "employmentType", "postingLanguage")


class ExtractRequirementsPipeline(CountingPipeline):
    step = "requirements"
    offload = True

    def process(self, item):
        adapter = fields(item)
        salary = adapter.get("salary") or {}
        known = {field for field in _SOURCE_FIRST if adapter.get(field)}
        if salary.get("min") is not None or salary.get("max") is not None:
            known.add("salary")
        found = extract_from_markdown(
            adapter.get("description") or "",
            title=adapter.get("title") or "",
            location=adapter.get("locationRaw") or "",
            company=adapter.get("companyName") or "",
            seniority_raw=adapter.get("seniorityRaw") or "",
            known=frozenset(known),
        )
        adapter["skills"] = found["skills"]
        adapter["languages"] = found["languages"]
        adapter["experienceYears"] = found["experienceYears"]
        adapter["applicantRegions"] = found["applicantRegions"]
        if found["seniority"]:
            adapter["seniority"] = found["seniority"]
        for field in _SOURCE_FIRST:
            if not adapter.get(field) and found[field]:
                adapter[field] = found[field]
        if "salary" not in known and found["salary"].get("currency") \
                and (found["salary"].get("min") is not None or found["salary"].get("max") is not None):
            adapter["salary"] = found["salary"]
        for field in ("skills", "languages", "seniority", "experienceYears", "workplace", "applicantRegions",
                      "salary", "employmentType", "postingLanguage"):
            value = adapter.get(field)
            if _present(value):
                self.count(f"{field}/found")
        return item


def _present(value) -> bool:
    if isinstance(value, dict):
        return any(_present(v) for k, v in value.items() if k != "raw")
    return bool(value) or value == 0 and value is not False and value is not None and not isinstance(value, str)
