def parse_ints(tokens):
    values = []
    bad = 0
    for token in tokens:
        try:
            values.append(int(token))
        except ValueError:
            bad += len(token)
    return [sum(values), bad]

# ---- input ----
ENTRY = "parse_ints"
DOC = "int() of each token, summing the lengths of the tokens whose ValueError is caught"
def make_input(rng, size):
    return ([rng.choice(["7", "x", "12", "-3", "4a", "0", "b"]) for _ in range(size)],)
