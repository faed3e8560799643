def parse_ints(tokens):
    values = []
    bad = 0
    for token in tokens:
        try:
            values.append(int(token))
        except ValueError:
            bad += 1
    return [sum(values), bad]

# ---- input ----
ENTRY = "parse_ints"
DOC = "int() of each token, counting the ValueErrors caught"
def make_input(rng, size):
    return ([rng.choice(["7", "x", "12", "-3", "4a", "0", "b"]) for _ in range(size)],)
