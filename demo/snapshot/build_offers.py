"""Writes jobs.chartmogul.com/api/offers.json: the offline demo's Recruitee offers API response.

Every posting here was written by the jobscraper developers.  The first one reproduces the
job board's seed record (../../shared/seed/chartmogul-backend-engineer.md) from its text, with
HTML that sets the traps the seed fell into (spaces inside inline tags, whitespace-only
inline elements, &nbsp; at tag boundaries).  The other three are invented demo postings in
the same shape as the real Recruitee responses; none of them is a real ChartMogul job.
Run it after editing the HTML below:  python demo/snapshot/build_offers.py
"""

import json
from pathlib import Path

SITE = "https://jobs.chartmogul.com"

SEED_DESCRIPTION = """<p>We are looking for<strong> enthusiastic</strong> junior software engineers to join our \
experienced Analytics and Data Platform engineering teams respectively. Your<span>&nbsp;primary</span> focus will be \
to learn our codebases and<em> tech stack</em>, and<b> assist</b> with all functions of software coding and design - \
all while continually striving to<i> improve</i> your coding and design skills.</p>
<p>If you have<a href="/glossary"> </a>good working knowledge of basic programming languages, a passion \
for<span> </span>learning new technologies quickly, and the ability to work in a team environment, we want to hear \
from you!</p>
<h2>What will you be doing?</h2>
<p>As with many young companies, your responsibilities will change over time. Here are some of the responsibilities \
we expect you to take on as a Backend<strong>&nbsp;</strong>Engineer:</p>
<ul>
<li><p>Supporting the rest of the team in improving the quality of our main web application.</p></li>
<li><p>Gathering and processing large volumes of data, you'll play a meaningful role in improving a backend that \
processes very high volumes of raw data.</p></li>
<li><p>Staying up to date with the latest trends in technology.</p></li>
</ul>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({event: "job_view"});</script>
<img src="https://jobs.chartmogul.com/t/pixel.gif" width="1" height="1" alt="">"""

SEED_REQUIREMENTS = """<h2>Professionally</h2>
<ul>
<li>Good knowledge of the fundamentals of software development – how to structure programs and decompose problems, \
when to apply patterns, and understand how and when<span> to</span> select the right paradigm for a task.</li>
<li>You have experience with <strong>SQL </strong>and 2 (or more) programming languages.</li>
<li>Ability to work as a team member.</li>
<li>Ability to work creatively and analytically in a problem-solving environment.</li>
<li>Speaking English fluently.</li>
<li>Nice to have:<ul>
<li>Experience with Ruby.</li>
<li>Experience with<a href="https://www.postgresql.org/"> PostgreSQL</a>.</li>
<li>Experience with<strong>&nbsp;Rust</strong>.</li>
</ul></li>
</ul>
<p><strong>Behaviourally</strong></p>
<ul>
<li><p>You're passionate about programming. You know how to run existing<em> code</em>, not just code new stuff.</p></li>
<li><p>You're eager to learn<span>&nbsp;</span>new technologies and best practices.</p></li>
<li><p>You’re always up for pairing and tackling problems with your colleagues.</p></li>
</ul>
<h2>What is it like to work at ChartMogul?</h2>
<ul>
<li>You’ll join the adventures of an early-stage company and experience what it means to have a job that’s \
incredibly impactful.</li>
<li>You’ll become part of a team of nice, awesome, and highly dedicated people that all have the same mission: \
Helping companies to build better businesses.</li>
<li>You’ll receive a great salary pack (market or upmarket).</li>
</ul>
<h2>Please note, we are only accepting applicants that are based in the EU.</h2>"""

FRONTEND_DESCRIPTION = """<p>ChartMogul turns subscription billing data into the metrics SaaS teams run on. Our \
<a href="https://chartmogul.com/">web app</a> is where customers spend their day, and we want it to be fast, \
accessible and a joy to use.</p>
<h3>What you will do</h3>
<ul>
<li>Own features end to end in our React and TypeScript front end, from design review to release.</li>
<li>Work with designers on our component library and keep it accessible (WCAG 2.1 AA).</li>
<li>Improve performance of data-heavy views: charts, tables with 100k rows, filters.</li>
</ul>
<h3>How we work</h3>
<p>Hybrid: two days a week in our Berlin office (Kreuzberg), the rest wherever you like in Germany.</p>
<table><tr><th>Team</th><th>Size</th></tr><tr><td>Web App | Reporting</td><td>6</td></tr>\
<tr><td>Design System</td><td>3</td></tr></table>"""

FRONTEND_REQUIREMENTS = """<ul>
<li>5+ years of professional experience building web applications with React and TypeScript.</li>
<li>Solid CSS; experience with GraphQL APIs.</li>
<li>Fluent English; German is a plus.</li>
</ul>
<p><strong>Nice to have</strong></p>
<ul><li>Experience with D3.js or other charting libraries.</li><li>Storybook, Playwright.</li></ul>"""

CSM_DESCRIPTION = """<p>As a <strong>Customer Success Manager</strong> for our German-speaking customers you make \
sure subscription businesses get value from ChartMogul from day one.</p>
<h2>Your responsibilities</h2>
<ol>
<li>Onboard new customers and run quarterly business reviews.</li>
<li>Be the voice of the customer:<ol><li>collect feedback,</li><li>prioritise it with Product.</li></ol></li>
</ol>
<h2>Benefits</h2>
<h2>What we offer</h2>
<p>€55,000 – €65,000 per year, 30 days of holiday, a learning budget.</p>"""

CSM_REQUIREMENTS = """<ul><li>3+ years in Customer Success or Account Management at a B2B SaaS company.</li>\
<li>Native-level German and fluent English.</li><li>Experience with HubSpot and Salesforce.</li></ul>"""

WORKING_STUDENT_DESCRIPTION = """<p>Du unterstützt unser Data-Team in Berlin bei Analysen und Dashboards.</p>
<h3>Deine Aufgaben</h3>
<ul><li>Auswertungen mit SQL und Python erstellen</li><li>Dashboards in Looker pflegen</li></ul>
<h3>Das bieten wir</h3>
<p>16 € pro Stunde, 20 Stunden pro Woche, flexible Arbeitszeiten.</p>"""

WORKING_STUDENT_REQUIREMENTS = """<ul><li>Eingeschriebene*r Student*in (Informatik, Statistik o.ä.)</li>\
<li>Erste Erfahrung mit SQL</li><li>Sehr gute Deutsch- und gute Englischkenntnisse</li></ul>"""


def offer(offer_id, guid, slug, title, description, requirements, *, published, updated, lang="en", **extra):
    base = {
        "id": offer_id,
        "guid": guid,
        "slug": slug,
        "title": title,
        "status": "published",
        "description": description,
        "requirements": requirements,
        "careers_url": f"{SITE}/o/{slug}",
        "careers_apply_url": f"{SITE}/o/{slug}/c/new",
        "company_name": "ChartMogul CMTDE GmbH & Co. KG",
        "mailbox_email": f"job.{guid}@chartmogul.recruitee.com",
        "created_at": published,
        "published_at": published,
        "updated_at": updated,
        "close_at": None,
        "location": "Berlin, Berlin, Germany",
        "city": "Berlin",
        "state_name": "Berlin",
        "state_code": "BE",
        "country": "Germany",
        "country_code": "DE",
        "postal_code": "10969",
        "locations": [{"id": 9001, "name": "Berlin", "city": "Berlin", "state": "Berlin", "state_code": "BE",
                       "country": "Germany", "country_code": "DE", "postal_code": "10969"}],
        "remote": False,
        "hybrid": False,
        "on_site": False,
        "employment_type_code": None,
        "experience_code": None,
        "education_code": None,
        "category_code": None,
        "department": None,
        "salary": {"min": None, "max": None, "period": None, "currency": None},
        "tags": [],
        "translations": {lang: {"title": title, "description": description, "requirements": requirements}},
    }
    base.update(extra)
    return base


OFFERS = [
    offer(402917, "a3k9q", "backend-engineer-remote-eu-berlin", "Backend Engineer - Remote (EU)",
          SEED_DESCRIPTION, SEED_REQUIREMENTS, published="2020-12-09 00:00:00 UTC",
          updated="2020-12-09 00:00:00 UTC", remote=True, department="Engineering",
          experience_code="entry_level"),
    offer(402918, "b7m2x", "senior-frontend-engineer-react-typescript-hybrid-berlin",
          "Senior Frontend Engineer (React/TypeScript) – Hybrid, Berlin", FRONTEND_DESCRIPTION,
          FRONTEND_REQUIREMENTS, published="2020-12-14 09:30:00 UTC", updated="2020-12-15 11:02:13 UTC",
          hybrid=True, department="Engineering", employment_type_code="fulltime_permanent",
          experience_code="experienced",
          salary={"min": "70000", "max": "90000", "period": "year", "currency": "EUR"}),
    offer(402919, "c1p8d", "customer-success-manager-german-speaking-fmd",
          "Customer Success Manager (German speaking) (f/m/d)", CSM_DESCRIPTION, CSM_REQUIREMENTS,
          published="2020-12-01 08:00:00 UTC", updated="2020-12-01 08:00:00 UTC", on_site=True,
          department="Customer Success", employment_type_code="fulltime", experience_code="mid_level",
          salary={"min": "55000", "max": "65000", "period": "year", "currency": "EUR"}),
    offer(402920, "d4t6w", "werkstudent-data-analytics-mwd", "Werkstudent:in Data Analytics (m/w/d)",
          WORKING_STUDENT_DESCRIPTION, WORKING_STUDENT_REQUIREMENTS, lang="de",
          published="2020-12-10 07:15:00 UTC", updated="2020-12-10 07:15:00 UTC", hybrid=True,
          department="Data", employment_type_code="parttime", experience_code="student_college",
          salary={"min": "16", "max": "16", "period": "hour", "currency": "EUR"}),
]

if __name__ == "__main__":
    out = Path(__file__).parent / "jobs.chartmogul.com" / "api" / "offers.json"
    out.write_text(json.dumps({"offers": OFFERS}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(OFFERS)} offers)")
