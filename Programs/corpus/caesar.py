def shift_char(ch, k):
    if "a" <= ch <= "z":
        return chr((ord(ch) - ord("a") + k) % 26 + ord("a"))
    return ch


def caesar(text, k):
    out = ""
    for ch in text:
        out += shift_char(ch, k)
    return out

# ---- input ----
ENTRY = "caesar"
DOC = "Caesar cipher via a per-character helper"
def make_input(rng, size):
    return ("".join(rng.choice("abcxyz .") for _ in range(size)), rng.randint(1, 25))
