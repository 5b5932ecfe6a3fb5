"""The exhibition world: schema, geography, name pools and the generator (the ground floor).

- ``schema``: tables, columns, keys and enumerations (the single source of truth)
- ``geography``: provinces/states, cities, region groups, foreign origins; location checks
- ``pools``: Faker-built name pools shipped as data; ``draws``: vectorised sampling helpers
- ``config``: seed, locale, scale and student variant, validated
- ``customers``, ``behaviour``, ``campaigns``, ``participation``, ``feedback``, ``service``:
  the generator's parts; ``generator.generate_world`` runs them in order
- ``defects``: data-quality defects with their ground truth
- ``container.World``, ``storage`` (csv/parquet/sqlite/xlsx), ``loading.load_world``,
  ``reading`` (a world back from CSV), ``dictionary`` (datasets/README.md)
"""
