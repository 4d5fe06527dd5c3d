"""descrape: scraped web articles and whole web pages to clean text, fast."""

from os import PathLike
from typing import IO, Iterable, Iterator, Literal, Optional, Sequence, TypedDict, Union

__version__: str

_Path = Union[str, "PathLike[str]"]

class Stats(TypedDict):
    bytes_in: int
    bytes_out: int
    blocks_in: int
    blocks_out: int
    tags: int
    broken_tags: int
    attribute_tails: int
    comments: int
    dropped_elements: int
    entities: int
    templates: int
    controls: int
    mojibake: int
    malformed: int
    pages: int
    large_pages: int
    rules: dict[str, int]

class Record(TypedDict):
    text: str
    title: Optional[str]
    lang: Optional[str]
    read_as: Literal["page", "text"]
    stats: Stats

class WarcPage(TypedDict):
    url: str
    warc_record_id: str
    date: str
    content_type: str
    lang: Optional[str]
    text: str

class Cleaner:
    """A configured cleaner; build one and reuse it (building compiles the rules).

    rules: a rule file's path or a list of them, added to the built-in rules.
    format: "text", "markdown" or "json". input: "auto", "html" or "text".
    links: keep link targets in Markdown and JSON. max_bytes: longer texts raise ValueError.
    """

    def __init__(
        self,
        rules: Union[None, _Path, Sequence[_Path]] = None,
        format: Literal["text", "markdown", "json"] = "text",
        input: Literal["auto", "html", "text"] = "auto",
        links: bool = False,
        max_bytes: int = 67108864,
    ) -> None: ...
    def clean(self, text: str) -> str:
        """Cleans one text; returns it in the cleaner's format."""
    def clean_record(self, text: str) -> Record:
        """Cleans one text; returns the text with its title, language, path taken and stats."""
    def clean_many(self, texts: Iterable[str], threads: Optional[int] = None) -> list[str]:
        """Cleans many texts on `threads` threads (default: all cores) without the GIL, in order."""
    def read_warc(self, source: Union[_Path, IO[bytes]]) -> WarcPages:
        """The HTML pages of a WARC or WET file (plain, gzip or zstd), cleaned by this cleaner."""

class WarcPages(Iterator[WarcPage]):
    """The pages of a WARC file; `skipped` counts records that are no HTML page, `broken`
    lists damaged ones (reading goes on after them)."""

    skipped: int
    broken: list[str]
    def __iter__(self) -> WarcPages: ...
    def __next__(self) -> WarcPage: ...

def clean(text: str) -> str:
    """Cleans one text with the default cleaner (built-in rules, plain text)."""

def read_warc(source: Union[_Path, IO[bytes]], cleaner: Optional[Cleaner] = None) -> WarcPages:
    """The HTML pages of a WARC or WET file (path or binary file; plain, gzip or zstd)."""
