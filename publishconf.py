"""Production settings: `make publish`.

Strict: any problem in the content, and any warning Pelican itself logs,
stops the build with the full list; nothing is published.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

# The address the site is published at, such as "https://www.example.com",
# without a trailing slash.  Write it here once the clinic's domain is known;
# a preview deploy can set SITEURL in the environment instead.
SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = False
CLINIC_STRICT = True
# Pages and posts with "Status: draft" are never published (previews show
# them under /drafts/).
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
