def histogram(counts, mark):
    lines = []
    for i in range(len(counts)):
        bar = ""
        for _ in range(counts[i]):
            bar += mark
        lines.append(str(i) + ":" + bar)
    return "|".join(lines)

# ---- input ----
ENTRY = "histogram"
DOC = "text histogram built character by character"
def make_input(rng, size):
    mark = rng.choice("#*+=@%&$")
    return ([rng.randint(0, 9) for _ in range(max(1, size // 8))], mark)
