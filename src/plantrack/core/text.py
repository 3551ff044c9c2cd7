"""The characters that drive a terminal or reorder text rather than show on it, defined once
for the checks of names (core/model.py) and mail headers (store/settings.py) and for the
escaping of what is shown (present/i18n.py, present/serialize.py)."""

from __future__ import annotations

import re

# C0 and C1 controls and DEL: ESC starts the sequences that retitle a window or clear it.
C0_C1 = "\x00-\x1f\x7f-\x9f"
# The bidirectional overrides and isolates: text read in another order than it is stored
# ('invoice\u202efdp.exe').
BIDI_OVERRIDES = "\u202a-\u202e\u2066-\u2069"
# The left-to-right and right-to-left marks, which nudge the order of the text beside them.
BIDI_MARKS = "\u200e\u200f"

# Invisible characters that make two names look the same ('城东街道' and '城东街道\u200b'),
# and the line and paragraph separators, which break a line where none should be.
INVISIBLE = "\u200b-\u200d\u2060\ufeff\u2028\u2029"

BIDI_CHARACTERS = re.compile(f"[{BIDI_MARKS}{BIDI_OVERRIDES}]")
CONTROL_CHARACTERS = re.compile(f"[{C0_C1}{BIDI_MARKS}{BIDI_OVERRIDES}{INVISIBLE}]")
