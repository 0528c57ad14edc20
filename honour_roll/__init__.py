"""The honour roll core: records, validation, guidance and page content.

Nothing in this package imports MkDocs: the hook in ``hooks/`` is the only
place that knows about the site generator, so a change of engine touches one
module.
"""
