def dedupe_order(words):
    seen = {}
    out = []
    for w in words:
        if w not in seen:
            seen[w] = True
            out.append(w)
    return out

# ---- input ----
ENTRY = "dedupe_order"
DOC = "remove repeated words keeping first occurrences (dict as an ordered set)"
def make_input(rng, size):
    return ([rng.choice(["ab", "cd", "ef", "gh", "ij", "kl"]) for _ in range(size)],)
