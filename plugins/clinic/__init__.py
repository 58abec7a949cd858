"""Clinic site plugin: profile, catalog, content checks and build modes."""

from pelican import signals

from . import plugin


def register():
    # get_generators: the one signal sent at the start of every run (make serve
    # reruns without re-initialising), so each run starts with fresh problems.
    signals.get_generators.connect(plugin.start_build)
    # generator_init: the shared template context exists from here on.
    signals.generator_init.connect(plugin.share_profile)
    # content_object_init: URLs must be set before links between pages resolve.
    signals.content_object_init.connect(plugin.place_content)
    # static_generator_init / _finalized: files from outside content/ are never
    # walked into, and are taken off the list of files to copy.
    signals.static_generator_init.connect(plugin.skip_linked_folders)
    signals.static_generator_finalized.connect(plugin.keep_safe_files)
    # all_generators_finalized: every page is read, nothing is written yet.
    signals.all_generators_finalized.connect(plugin.build_catalog)
    # finalized: everything is written; report, and stop a publish on problems.
    signals.finalized.connect(plugin.finish_build)
