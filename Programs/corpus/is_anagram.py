def letter_counts(word):
    counts = {}
    for ch in word:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def is_anagram(a, b):
    same = len(a) == len(b)
    ca = letter_counts(a)
    cb = letter_counts(b)
    for ch in ca:
        same = same and ca[ch] == cb.get(ch, 0)
    return same

# ---- input ----
ENTRY = "is_anagram"
DOC = "anagram test with two count dicts (one flag carried through the loop)"
def make_input(rng, size):
    broken = rng.random() < 0.5
    where = rng.random()
    a = [rng.choice("abcd") for _ in range(size // 2 + 1)]
    b = list(a)
    rng.shuffle(b)
    if broken:
        b[int(where * len(b))] = "e"
    return ("".join(a), "".join(b))
