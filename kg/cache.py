"""The build's cache now lives in ``kg.build.cache``; this name is kept for the imports that use it."""

from kg.build.cache import FORMAT, VerdictCache, digest, files_digest

__all__ = ["FORMAT", "VerdictCache", "digest", "files_digest"]
