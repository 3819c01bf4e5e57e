"""The execution cache of the site's build (issue 14), shared by the hooks in ``hooks/``.

Quarto's ``freeze``, knitr's and MyST-NB's caches solve the same problem: a page's
computations re-run only when something they depend on changes, never for a change of prose.

- :mod:`execcache.store`: content-addressed entries on disk, written atomically.
- :mod:`execcache.keys`: what every key starts from (package source, Python, locked deps).
- :mod:`execcache.deps`: the project files a block read while it ran (validated on a hit).
- :mod:`execcache.runs`: markdown-exec's Python runner and Try-it's runner, cached, with
  sessions that stay usable after hits.
- :mod:`execcache.scenario_runs`: a scenario run several pages ask for runs once a build.
- :mod:`execcache.prefetch`: a cold build runs the pages' blocks in worker processes first.
- :mod:`execcache.converted`: a page's Markdown conversion, with the side effects it has
  on the build (recorded by :mod:`execcache.effects`).
- :mod:`execcache.rendered`: the theme's drawing of a page.
- :mod:`execcache.markup`, :mod:`execcache.tools`, :mod:`execcache.references`: the build's
  other pure steps (a block output's HTML, signatures, the API reference, search entries,
  cross-references).
- :mod:`execcache.signatures`: Black's layout of a long signature, without Black.
- :mod:`execcache.aliases`: the API reference's aliases, whatever order pages render in.

The hooks import this package by name (``hooks/`` is on ``sys.path`` while MkDocs loads them).
"""
