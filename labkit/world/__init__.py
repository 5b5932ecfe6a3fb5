"""The exhibition world: schema, geography, name pools and the generator (the ground floor).

- ``schema``: tables, columns, keys and enumerations (the single source of truth)
- ``locales``: one locale as data (``labkit/data/locales/<locale>/``) read into a ``WorldLocale``
- ``geography``: provinces/states, cities, region groups, foreign origins; location checks
  (``places``: the shapes of countries every locale shares)
- ``pools``: Faker-built name pools shipped as data; ``draws``: vectorised sampling helpers
- ``config``: seed, locale, scale and student variant, validated
- ``customers``, ``behaviour``, ``campaigns``, ``participation``, ``feedback``, ``service``:
  the generator's parts; ``generator.generate_world`` runs them in order
- ``defects``: data-quality defects with their ground truth
- ``container.World``, ``storage`` (csv/parquet/sqlite/xlsx), ``loading.load_world``,
  ``reading`` (a world back from CSV), ``dictionary`` (datasets/README.md)
"""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.world.container": ("World",),
    "labkit.world.generator": ("generate_world",),
    "labkit.world.loading": ("load_world",),
    "labkit.world.reading": ("read_world",),
    "labkit.world.fairs": ("fair_keys",),
    "labkit.world.locales": ("available_locales", "fair_info", "world_locale"),
    "labkit.world.geography": ("province_of_city",),
    "labkit.world.schema": ("ENUMS", "LARGEST_BAND", "SIZE_BANDS", "TABLES", "likert_dimensions"),
    "labkit.world.storage": ("FORMATS",),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

# ``schema`` is public as a module: ``from labkit.world import schema`` then ``schema.table("editions")``
__all__ = ["ENUMS", "FORMATS", "LARGEST_BAND", "SIZE_BANDS", "TABLES", "World", "available_locales", "fair_info", "fair_keys",
           "generate_world", "likert_dimensions", "load_world", "province_of_city", "read_world", "schema", "world_locale"]
