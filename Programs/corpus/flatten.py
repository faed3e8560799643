def flatten(items, out):
    for x in items:
        if isinstance(x, list):
            flatten(x, out)
        else:
            out.append(x)
    return out

# ---- input ----
ENTRY = "flatten"
DOC = "flatten nested lists recursively into an accumulator"
def _nested(rng, budget, depth):
    out = []
    while budget > 0:
        if depth < 3 and rng.random() < 0.3:
            k = rng.randint(1, budget)
            out.append(_nested(rng, k, depth + 1))
            budget -= k
        else:
            out.append(rng.randint(0, 9))
            budget -= 1
    return out
def make_input(rng, size):
    return (_nested(rng, max(1, size // 4), 0), [])
