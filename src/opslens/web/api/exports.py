"""`/api/export/{format}`: the merged events the filters of /api/events select, as a file for
another tool (opslens.export: json, jsonl, gdelt, parquet, stix, geojson, graphml).

The export is written to a spooled temporary file first (memory, then disk past a few MiB) and
streamed from there: a failure is still an error answer with its status, never a file cut short.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from opslens.link.listing import EventFilter
from opslens.store import Store
from opslens.web.api.deps import StoreDep
from opslens.web.api.events import Filters

router = APIRouter(tags=["export"])
IN_MEMORY = 8 * 1024 * 1024  # bytes of an export kept in memory before it spills to disk
CHUNK = 64 * 1024


@router.get("/export/{fmt}", response_class=StreamingResponse)
async def export_file(
    store: StoreDep,
    fmt: str,
    filters: Filters,
    story: Annotated[str | None, Query(max_length=100, description="Only this story's events.")] = None,
) -> StreamingResponse:
    """The selected merged events as a file of the format (json, jsonl, gdelt, parquet, stix,
    geojson, graphml); the number of records written is in the X-OpsLens-Records header."""
    from opslens.export import FORMATS

    form = FORMATS.get(fmt)
    if form is None:
        raise HTTPException(404, f"no export format {fmt!r}; the formats are {', '.join(FORMATS)}")
    spool, count = await run_in_threadpool(_written, store, fmt, filters, story)
    headers = {
        "Content-Disposition": f'attachment; filename="opslens-{fmt}{form.suffix}"',
        "X-OpsLens-Records": str(count),
    }
    return StreamingResponse(_chunks(spool), media_type=form.media_type, headers=headers)


def _written(store: Store, fmt: str, f: EventFilter, story: str | None) -> tuple[IO[bytes], int]:
    from opslens.export import export

    spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115  (closed by _chunks)
    try:
        count = export(store, fmt, f, spool, story=story)  # type: ignore[arg-type]
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool, count


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(CHUNK):
            yield chunk
