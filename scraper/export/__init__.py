"""Exports for the job boards that import us, built from an output folder's datasets (see
scraper/commands/export.py for the command):

  jsonld.py    schema.org JobPosting JSON-LD (Google's job search), also as one <script> snippet per posting
  indeed.py    an Indeed-style XML feed
  jobsjson.py  jobs.json (jobsjson.org)
  fields.py    reading a dataset row the way every format needs it
  html.py      the description: safe HTML from the Markdown body; XML-safe text
  validation.py  each exported object checked against its format's JSON Schema before it is written
"""
