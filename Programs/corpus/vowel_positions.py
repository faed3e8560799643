def vowel_positions(text):
    positions = {}
    for i in range(len(text)):
        ch = text[i]
        if ch not in "aeiou":
            continue
        if ch not in positions:
            positions[ch] = []
        positions[ch].append(i)
    return positions

# ---- input ----
ENTRY = "vowel_positions"
DOC = "positions of each vowel (continue, dict of lists)"
def make_input(rng, size):
    return ("".join(rng.choice("abeiklou") for _ in range(max(1, size // 3))),)
