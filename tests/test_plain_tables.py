"""The light Core views of storage.plain name real columns of the schema, with its types."""

from __future__ import annotations

from roadmap_app.storage import plain
from roadmap_app.storage.tables import Base


def test_every_plain_column_is_a_column_of_the_schema_with_its_type() -> None:
    for view in plain.ALL:
        real = Base.metadata.tables[view.name]
        for col in view.columns:
            assert col.name in real.columns, f"{view.name}.{col.name}"
            assert type(col.type)._type_affinity is type(real.columns[col.name].type)._type_affinity, (
                f"{view.name}.{col.name}: {col.type!r} vs {real.columns[col.name].type!r}"
            )
            assert type(col.type) is type(real.columns[col.name].type), f"{view.name}.{col.name}"
