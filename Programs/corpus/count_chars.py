def count_chars(text):
    counts = {}
    for ch in text:
        if ch in counts:
            counts[ch] += 1
        else:
            counts[ch] = 1
    return counts

# ---- input ----
ENTRY = "count_chars"
DOC = "count the letters of a string in a dict (insertion order)"
def make_input(rng, size):
    return ("".join(rng.choice("abcde") for _ in range(size)),)
