"""Small helpers for reading rendered pages in tests."""

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(response_or_html, name: str) -> list[dict]:
    """The attributes of every `<name>` element on the page."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Collector()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


def content(response) -> str:
    """The body as text, whether the response was rendered whole or streamed."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
