"""Results kept between builds: what a pure step made of an input, reused while both stay the same.

Most builds change a page or two, yet each build would link every body's
phone numbers, check every body against the allow-list and check every
page's structured data again.  Those steps are pure (the same input gives
the same result), so their results are kept in ``cache/results/``, one file per
site, under the hash of the step's name and its input, and reused
while the plugin's code and the libraries it calls are the same
(``code_version``); a change to either starts afresh.  What is kept: each
body's allow-list check and call links, each graph's findings, the parsed
profile and theme words, the languages' names; and a photo's hash, under its
path, size and time of last change (the plugin's own files are judged the
same way), which is what a rebuild would otherwise read every photo for.

Each build writes back what it used and at most as many older results, so
the file holds about one site's pages and never grows with old ones.  A file that cannot be read or
written costs time only.  The files are pickles, as Pelican's own content
cache is, and a pickle can run code when it is read: a file is read only
when it and its folder belong to the user building and no one else may
write them (``_own``), the trust given to the settings file Pelican runs.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_PLUGIN = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The libraries whose answers are kept: the call links' numbers, the profile's
# phone numbers and the languages' names.  The vocabulary is the plugin's own
# data, hashed with its code.
_LIBRARIES = ("phonenumbers", "babel")


def _installed(name: str) -> str:
    """A library as installed: a hash of its package file, which names its version.

    Asking the package for its version would load libphonenumber, which a
    rebuild otherwise never needs (its results are kept).
    """
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"{name} not installed"
    with open(spec.origin, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@functools.cache
def code_version() -> str:
    """A hash of every module of the plugin, its data and the libraries it calls.

    A file counts by its name, size and time of last change, as Python itself
    judges whether a compiled module is current (by the second, where this
    takes the nanosecond): reading every file would cost more than the
    smallest site's checks.
    """
    libraries = [_installed(name) for name in _LIBRARIES]
    digest = hashlib.sha256(repr((sys.version, libraries)).encode())
    for folder, dirs, files in sorted(os.walk(_PLUGIN)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json", ".jsonld", ".toml")):
                path = os.path.join(folder, name)
                found = os.stat(path)
                key = (os.path.relpath(path, _PLUGIN), found.st_size, found.st_mtime_ns)
                digest.update(repr(key).encode())
    return digest.hexdigest()


class Memo:
    """The kept results of one site (``folder/name.pickle``); no ``folder`` keeps nothing."""

    def __init__(self, folder: str | None, name: str) -> None:
        self.path = os.path.join(folder, f"{name}.pickle") if folder else None
        self._old: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._changed = False
        if self.path is None or not _own(self.path):
            return
        try:
            with open(self.path, "rb") as handle:
                # the version first, alone: results of other code are never unpickled
                if pickle.load(handle) != code_version():
                    return
                old = _without_collector(pickle.load, handle)
        except Exception:  # any file that cannot be read only means starting afresh
            return
        if isinstance(old, dict):
            self._old = old

    def call(self, step: Callable[..., T], *args: Any) -> T:
        """``step(*args)``, or what it returned for the same arguments in an earlier build.

        ``args`` are strings, or values whose ``repr`` says all of them.
        """
        name = (getattr(step, "__module__", None), step.__qualname__)
        return self.reuse((name, args), lambda: step(*args))

    def reuse(self, key: Any, make: Callable[[], T]) -> T:
        """``make()``, or what it returned in an earlier build for the same ``key``.

        ``key`` (text, tuples of keys, or values whose ``repr`` says all of
        them) must say everything ``make``'s result depends on.
        """
        digest = _digest(key)
        with self._lock:
            if digest in self._used:
                return self._used[digest]  # type: ignore[no-any-return]
            if digest in self._old:
                self._used[digest] = self._old[digest]
                return self._used[digest]  # type: ignore[no-any-return]
        result = make()
        with self._lock:
            self._used[digest] = result
            self._changed = True
        return result

    def save(self) -> None:
        """Write what this build used, and as many older results again at most.

        The older ones let two ways of building one site (a preview and a
        publish, with other settings) take turns without making each other's
        results again; the bound keeps the file at twice the site at most.
        """
        if self.path is None:
            return
        if not self._changed and len(self._old) <= 2 * len(self._used):
            return  # nothing new, and nothing to drop
        older = [key for key in self._old if key not in self._used][: len(self._used)]
        kept = dict(self._used, **{key: self._old[key] for key in older})
        temporary = f"{self.path}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            # only this user may write them, whatever the umask (see _own)
            os.makedirs(os.path.dirname(self.path), mode=0o755, exist_ok=True)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump(code_version(), handle, pickle.HIGHEST_PROTOCOL)
                pickle.dump(kept, handle, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)  # whole or not at all, for a build beside it
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(temporary)


def _digest(key: Any) -> str:
    """A hash of ``key`` that two different keys never share (``_feed``)."""
    found = hashlib.sha256()
    _feed(found, key)
    return found.hexdigest()


def _feed(found: Any, value: Any) -> None:
    """Each part of a key with its kind and length, so that no two keys read alike.

    Text (a body, a graph's JSON) is hashed as it is: ``repr`` copied and
    escaped each one first, twice the time of hashing it, on every build.
    """
    if type(value) is str:
        data = value.encode("utf-8", "surrogatepass")
        found.update(b"s%d:" % len(data))
        found.update(data)
    elif type(value) is tuple:
        found.update(b"t%d:" % len(value))
        for item in value:
            _feed(found, item)
    else:
        data = repr(value).encode("utf-8", "surrogatepass")
        found.update(b"r%d:" % len(data))
        found.update(data)


def _without_collector(load: Callable[[Any], T], handle: Any) -> T:
    """``load(handle)`` with Python's cycle collector paused.

    Reading thousands of small results would set the collector off again and
    again over everything the build has loaded so far (four fifths of the
    read); results hold no cycles, so there is nothing for it to find.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        return load(handle)
    finally:
        if was_on:
            gc.enable()


def _own(path: str) -> bool:
    """The file is this user's and no one else may write it or its folder.

    A pickle can run code when it is read, so one that another user could
    have put there (a cache folder shared in /tmp, say) is never read.
    """
    try:
        for item in (path, os.path.dirname(path)):
            info = os.stat(item)
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return False
    except OSError:
        return False
    return True


def site_key(content_dir: str) -> str:
    """A short name for one site's files: the hash of its content folder's path."""
    return hashlib.sha256(os.path.abspath(content_dir).encode()).hexdigest()[:16]
