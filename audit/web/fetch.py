"""URL inputs for `serve`: the fetcher lives in audit.read.fetch (the CLI's `check URL` uses it too)."""
from audit.read.fetch import MAX_REDIRECTS, TYPES, Fetched, FetchError, FetchPolicy, fetch_url, page_name

__all__ = ["MAX_REDIRECTS", "TYPES", "FetchError", "FetchPolicy", "Fetched", "fetch_url", "page_name"]
