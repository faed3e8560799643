def histogram(counts):
    lines = []
    for i in range(len(counts)):
        bar = ""
        for _ in range(counts[i]):
            bar += "#"
        lines.append(str(i) + ":" + bar)
    return "|".join(lines)

# ---- input ----
ENTRY = "histogram"
DOC = "text histogram built character by character"
def make_input(rng, size):
    return ([rng.randint(0, 5) for _ in range(max(1, size // 8))],)
