"""Pure extraction, no I/O: documents -> articles; text -> sentences, mentions, attributions, claims."""

from .attribution import is_speech_cue
from .claims import extract_claims
from .dedup import NEAR_DUPLICATE, most_similar
from .documents import parse_document
from .mentions import may_mention
from .pages import parse_page, parse_summary
from .sentences import split_units
from .text import content_fingerprint, content_lines

__all__ = ["NEAR_DUPLICATE", "content_fingerprint", "content_lines", "extract_claims", "is_speech_cue",
           "may_mention", "most_similar", "parse_document", "parse_page", "parse_summary", "split_units"]
