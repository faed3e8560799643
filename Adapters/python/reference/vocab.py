"""The fixed character-level vocabulary of the reference learners.

One token per character: ``repl`` traces are ASCII (SPEC section 2), so every
printable ASCII character (space to ``~``) and the newline get a token, and token
0 is padding. A character-level vocabulary keeps answer spans aligned with tokens
(offset ``i`` of the text is token ``i``), which makes SRS masks and scoring exact
without any offset mapping. The vocabulary never changes with the data, so a
checkpoint trained on one suite can read any other ``repl`` trace.
"""

from __future__ import annotations

from typing import List, Sequence

PAD = 0
CHARACTERS = "\n" + "".join(chr(c) for c in range(32, 127))
SIZE = 1 + len(CHARACTERS)

_INDEX = {ch: i + 1 for i, ch in enumerate(CHARACTERS)}


class VocabularyError(ValueError):
    """A character outside the vocabulary."""


def encode(text: str) -> List[int]:
    """Token ids of ``text``, one per character."""
    try:
        return [_INDEX[ch] for ch in text]
    except KeyError as error:
        raise VocabularyError("character %r is not in the vocabulary" % error.args[0]) from None


def decode(tokens: Sequence[int]) -> str:
    """The text of ``tokens``; padding decodes to nothing."""
    return "".join(CHARACTERS[t - 1] for t in tokens if t != PAD)


def describe() -> dict:
    """The vocabulary as recorded in ``cwmbench-model.json``."""
    return {"kind": "characters", "pad": PAD, "size": SIZE, "characters": CHARACTERS}
