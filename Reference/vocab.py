"""The vocabulary of the reference learners: one token per statement, one per output character.

A ``repl`` trace (SPEC section 2) alternates statement lines (``>>> a, b = b, a``)
with output lines (``c 4``). A :class:`Vocabulary` has

- token 0 for padding;
- one token per printable ASCII character (space to ``~``) and the newline, so
  any ``repl`` text can be encoded;
- one token per *statement line* (``>>> `` through its newline) it was built
  with: :meth:`Vocabulary.from_texts` collects every distinct statement line of
  the training file, sorted, and the checkpoint records the list, so a model
  reads later traces with exactly the vocabulary it was trained with.

Output lines are always spelled character by character, so every query answer
span (an output line without its newline) starts and ends on token boundaries and
SRS masks and span scores are exact. A statement line the vocabulary does not know
(say, a variable name never seen in training) falls back to characters.

Why statements and not characters: with one token per character an S3 swap step
at spacing 1 is about 38 tokens, so a trace of 32 actions is over 1,200 tokens,
and none of the four small architectures learned S3 at all within this machine's
budget (see README.md). One token per statement is how the state-tracking work
this reproduces feeds its models: one token per action.
"""

from __future__ import annotations

from typing import Iterable, List, Sequence, Tuple

PAD = 0
CHARACTERS = "\n" + "".join(chr(c) for c in range(32, 127))
PROMPT = ">>> "

_CHARACTER_INDEX = {ch: i + 1 for i, ch in enumerate(CHARACTERS)}


class VocabularyError(ValueError):
    """A character outside the vocabulary, or an unreadable vocabulary description."""


def statement_lines(text: str) -> List[str]:
    """The complete statement lines of ``text`` (``>>> `` through the newline)."""
    return [line for line in text.splitlines(keepends=True) if line.startswith(PROMPT) and line.endswith("\n")]


class Vocabulary:
    """Characters plus a fixed list of whole statement lines."""

    def __init__(self, lines: Iterable[str] = ()):
        self.lines: List[str] = sorted(set(lines))
        for line in self.lines:
            if not (line.startswith(PROMPT) and line.endswith("\n")) or "\n" in line[:-1]:
                raise VocabularyError("%r is not one statement line" % line)
        first = 1 + len(CHARACTERS)
        self._line_index = {line: first + i for i, line in enumerate(self.lines)}
        self._pieces = [""] + list(CHARACTERS) + self.lines

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Vocabulary":
        """The vocabulary with every statement line occurring in ``texts``."""
        lines = set()
        for text in texts:
            lines.update(statement_lines(text))
        return cls(lines)

    @classmethod
    def from_description(cls, description: dict) -> "Vocabulary":
        """The vocabulary a ``cwmbench-model.json`` recorded (see :meth:`describe`)."""
        if description.get("characters") != CHARACTERS:
            raise VocabularyError("the recorded vocabulary has other characters than this version's")
        lines = description.get("lines", [])
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            raise VocabularyError("the recorded vocabulary's 'lines' is not a list of strings")
        vocabulary = cls(lines)
        if description.get("size") != vocabulary.size:
            raise VocabularyError("the recorded vocabulary's size '%s' does not match its lines"
                                  % description.get("size"))
        return vocabulary

    @property
    def size(self) -> int:
        """How many token ids there are, padding included."""
        return len(self._pieces)

    def describe(self) -> dict:
        """The vocabulary as recorded in ``cwmbench-model.json``."""
        return {"kind": "statements+characters", "pad": PAD, "size": self.size, "characters": CHARACTERS,
                "lines": list(self.lines)}

    def encode_with_offsets(self, text: str) -> Tuple[List[int], List[int]]:
        """Token ids of ``text`` and the character offset where each token starts."""
        tokens: List[int] = []
        starts: List[int] = []
        offset = 0
        for line in text.splitlines(keepends=True):
            whole = self._line_index.get(line)
            if whole is not None:
                tokens.append(whole)
                starts.append(offset)
            else:
                for i, ch in enumerate(line):
                    index = _CHARACTER_INDEX.get(ch)
                    if index is None:
                        raise VocabularyError("character %r is not in the vocabulary" % ch)
                    tokens.append(index)
                    starts.append(offset + i)
            offset += len(line)
        return tokens, starts

    def encode(self, text: str) -> List[int]:
        """Token ids of ``text``."""
        return self.encode_with_offsets(text)[0]

    def decode(self, tokens: Sequence[int]) -> str:
        """The text of ``tokens``; padding decodes to nothing."""
        return "".join(self._pieces[t] for t in tokens)


#: The vocabulary without statement tokens: one token per character.
CHARACTER_VOCABULARY = Vocabulary()
