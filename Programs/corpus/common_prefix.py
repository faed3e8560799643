def common_prefix(words):
    prefix = words[0]
    for word in words[1:]:
        i = 0
        while i < len(prefix) and i < len(word) and prefix[i] == word[i]:
            i += 1
        prefix = prefix[:i]
        if prefix == "":
            return ""
    return prefix

# ---- input ----
ENTRY = "common_prefix"
DOC = "longest common prefix, shrinking the prefix word by word"
def make_input(rng, size):
    stem = "".join(rng.choice("ab") for _ in range(6))
    return ([stem[: rng.randint(3, 6)] + rng.choice(["x", "y", ""]) for _ in range(1 + size // 6)],)
