"""The site's address: a published site needs its full https address."""

from __future__ import annotations

import re
import urllib.parse

from ..model.problems import Problem
from ..model.profile import Profile
from ..model.tomlpos import key_lines, line_of

_SITEURL = re.compile(r"^https://[^/\s]+\.[^/\s]+(/\S*)?$")


def siteurl_problems(siteurl: str) -> list[Problem]:
    """A published site needs its full address for canonical links, sitemaps and sharing."""
    siteurl = siteurl or ""
    fix = (
        'set SITEURL = "https://www.your-clinic-domain" in publishconf.py, or SITEURL in '
        "the environment for a preview deploy"
    )
    if not siteurl:
        return [
            Problem(
                "publishconf.py",
                None,
                "SITEURL is empty, but a published site needs its full address",
                fix,
            )
        ]
    if not re.match(r"^https?://", siteurl):
        return [
            Problem(
                "publishconf.py",
                None,
                f'SITEURL is "{siteurl}", which has no "https://" at the start',
                f'write SITEURL = "https://{siteurl.lstrip("/")}"',
            )
        ]
    if siteurl.startswith("http://"):
        # One line for the address, not one for every address built from it
        # (the structured-data checks are skipped when this is reported)
        secure = "https://" + siteurl[len("http://") :].rstrip("/")
        return [
            Problem(
                "publishconf.py",
                None,
                f'SITEURL is "{siteurl}", which is not a secure '
                "(https) address: browsers mark such a site as not secure and search "
                "engines prefer https",
                f'write SITEURL = "{secure}"',
            )
        ]
    if siteurl.endswith("/"):
        return [
            Problem(
                "publishconf.py",
                None,
                f'SITEURL is "{siteurl}", which ends with a slash, so every address would have two',
                f'remove the last slash: SITEURL = "{siteurl.rstrip("/")}"',
            )
        ]
    if not _SITEURL.match(siteurl):
        return [
            Problem(
                "publishconf.py", None, f'SITEURL is "{siteurl}", which is not a web address', fix
            )
        ]
    return []


def booking_problems(profile: Profile, site_url: str, path: str, text: str) -> list[Problem]:
    """A booking address must lead to the booking service, not back to this site."""
    host = urllib.parse.urlsplit(site_url).hostname if site_url else None
    if not host:
        return []
    places: list[tuple[tuple[str | int, ...], str]] = [(("links", "booking"), profile.booking)]
    places += [
        (("locations", index, "booking"), location.booking)
        for index, location in enumerate(profile.locations)
    ]
    lines = key_lines(text)
    problems = []
    for keys, address in places:
        if address and urllib.parse.urlsplit(address).hostname == host:
            name = "".join(
                f"[{k}]" if isinstance(k, int) else (f".{k}" if i else k)
                for i, k in enumerate(keys)
            )
            problems.append(
                Problem(
                    path,
                    line_of(text, keys, lines),
                    f'"{name}" is "{address}", which is an address on this site, not the '
                    "booking service's",
                    "write the address of the page where visitors book online",
                )
            )
    return problems
