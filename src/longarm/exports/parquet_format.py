"""`--format parquet`: the CSV's columns as a typed Parquet table (pyarrow), for pandas, R and DuckDB."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from longarm.exports.csv_format import COLUMNS, flat_row
from longarm.exports.registry import ExportFormat, register
from longarm.incidents import fields
from longarm.incidents.schemas import IncidentRecord

NUMBERS = {cell.csv: "int64" if cell.whole else "float64" for _field, cell in fields.cells() if cell.widget == "number"}
"""Columns with numbers; every other column is text. Empty cells are nulls."""
ROWS_PER_GROUP = 500


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, NUMBERS.get(name, "string"))()) for name in COLUMNS])


class _Pipe(io.RawIOBase):
    """A write-only file that hands on what was written; `tell` counts every byte so Parquet's offsets hold."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.pieces.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        """What was written since the last call."""
        taken, self.pieces = b"".join(self.pieces), []
        return taken


def stream_parquet(records: Iterable[IncidentRecord]) -> Iterator[bytes]:
    """The table a row group at a time; uncompressed, so a byte search (the leak scan) sees every value."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    sink = _Pipe()
    rows = iter(records)
    with pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="none") as writer:
        while batch := list(islice(rows, ROWS_PER_GROUP)):
            flat = [flat_row(record, for_spreadsheet=False) for record in batch]
            columns = {name: [row[name] if row[name] != "" else None for row in flat] for name in COLUMNS}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            yield sink.take()
    yield sink.take()


register(ExportFormat("parquet", "application/vnd.apache.parquet", ".parquet", stream_parquet, binary=True))
