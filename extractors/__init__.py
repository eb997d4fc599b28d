"""Pure extraction, no I/O: documents -> articles; text -> sentences, mentions, attributions, claims."""

from .claims import extract_claims
from .documents import parse_document
from .sentences import split_units
from .text import content_fingerprint, content_lines

__all__ = ["content_fingerprint", "content_lines", "extract_claims", "parse_document", "split_units"]
