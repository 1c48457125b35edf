"""Scale-out: coding on a Dask cluster into a day-partitioned Parquet lake.

Dask and pyarrow are the optional extra ``flashpoint[dask]``; they are imported only
when a lake is written or read, with a clear error when they are missing.
"""

from __future__ import annotations

from .dask_ingest import LakeResult, ingest_lake
from .lake import query_lake

__all__ = ["LakeResult", "ingest_lake", "query_lake"]
