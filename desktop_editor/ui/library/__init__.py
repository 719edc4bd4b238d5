"""The library of articles: list, search, trash."""
