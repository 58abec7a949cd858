"""The site's address: a published site needs its full https address."""

from __future__ import annotations

import re

from ..model.problems import Problem

_SITEURL = re.compile(r"^https://[^/\s]+\.[^/\s]+(/\S*)?$")


def siteurl_problems(siteurl: str) -> list[Problem]:
    """A published site needs its full address for canonical links, sitemaps and sharing."""
    siteurl = siteurl or ""
    fix = ('set SITEURL = "https://www.your-clinic-domain" in publishconf.py, or SITEURL in '
           "the environment for a preview deploy")
    if not siteurl:
        return [Problem("publishconf.py", None, "SITEURL is empty, but a published site "
                        "needs its full address", fix)]
    if not re.match(r"^https?://", siteurl):
        return [Problem("publishconf.py", None, f'SITEURL is "{siteurl}", which has no '
                        '"https://" at the start', f'write SITEURL = "https://{siteurl.lstrip("/")}"')]
    if siteurl.startswith("http://"):
        # One line for the address, not one for every address built from it
        # (the structured-data checks are skipped when this is reported)
        secure = "https://" + siteurl[len("http://"):].rstrip("/")
        return [Problem("publishconf.py", None, f'SITEURL is "{siteurl}", which is not a secure '
                        "(https) address: browsers mark such a site as not secure and search "
                        "engines prefer https", f'write SITEURL = "{secure}"')]
    if siteurl.endswith("/"):
        return [Problem("publishconf.py", None, f'SITEURL is "{siteurl}", which ends with a '
                        "slash, so every address would have two",
                        f'remove the last slash: SITEURL = "{siteurl.rstrip("/")}"')]
    if not _SITEURL.match(siteurl):
        return [Problem("publishconf.py", None, f'SITEURL is "{siteurl}", which is not a web '
                        "address", fix)]
    return []
