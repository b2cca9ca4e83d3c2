"""Engines that run the pipeline beyond one process: Dask clusters, and the serialization they share.

`engine.cluster.ingest_on_dask` runs an ingest on a Dask distributed cluster;
`engine.serialize` turns a processed `Document` into data and back;
`engine.partitions` writes and reads the Parquet partitions between them.
"""
