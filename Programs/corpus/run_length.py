def run_length(text):
    if text == "":
        return ""
    out = ""
    current = text[0]
    count = 1
    for ch in text[1:]:
        if ch == current:
            count += 1
        else:
            out += current + str(count)
            current = ch
            count = 1
    out += current + str(count)
    return out

# ---- input ----
ENTRY = "run_length"
DOC = "run-length encoding building a string"
def make_input(rng, size):
    out = ""
    while len(out) < size:
        out += rng.choice("abcdef") * rng.randint(1, 4)
    return (out[:size],)
