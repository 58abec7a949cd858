"""Development settings: `make html` and `make serve`.

Problems in the content are printed as warnings and the site still builds,
so staff can see their change.  Clinic facts live in content/clinic.toml,
not here.
"""

from jinja2 import FileSystemBytecodeCache

PATH = "content"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["clinic"]

# Links are root-relative (/treatments/microneedling/) while previewing on
# 127.0.0.1:8000; publishconf.py sets the real address.
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"

# Where pages come from.  The plugin gives each page its URL from the file's
# place (see plugins/clinic/model/routes.py); staff never write URLs or templates.
PAGE_PATHS = ["pages", "treatments", "conditions", "team", "locations"]
ARTICLE_PATHS = ["articles"]
STATIC_PATHS = ["images"]
IGNORE_FILES = [".#*", "*~", "*.swp", "clinic.toml"]
SLUGIFY_SOURCE = "basename"

# The blog lives under /blog/; the home page is content/pages/home.md.
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
INDEX_SAVE_AS = "blog/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
DEFAULT_PAGINATION = False

# A clinic site has no use for Pelican's category, tag, author and archive
# listings; each would be a thin page search engines see as clutter.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Escape every value printed by a template (a clinic name with a quote must not
# break an attribute); page bodies are marked safe where they are printed.
# auto_reload off: each run makes a new template environment (make serve
# too), so checking every template file's date on every page is wasted work.
# bytecode_cache: compiling the theme's templates is half of a small site's
# build, and every run (each make serve rebuild too) would compile them again;
# Jinja keeps them compiled in a folder of the user's temporary files, by
# template file, and compiles again whenever a template's text changes.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
    "bytecode_cache": FileSystemBytecodeCache(),
}

DELETE_OUTPUT_DIRECTORY = True
CLINIC_STRICT = False
