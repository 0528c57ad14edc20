"""Hook used by run.py's baseline: only what the theme's templates need from the project's hook.

The theme overrides ask ``honour_roll_page()`` for the addresses of generated pages
(the header's search form, the 404 page). The baseline has none of the project's
hooks, so this gives it that one global and nothing else; it costs nothing per page.
"""

from honour_roll.site.urls import Urls


def on_env(env, config, files):
    env.globals["honour_roll_page"] = Urls(config.use_directory_urls).page
    return env
