# Only for scrapyd-deploy, which builds an egg with `python setup.py bdist_egg`; the project is
# configured in pyproject.toml.
from setuptools import setup

setup()
