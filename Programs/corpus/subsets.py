def subsets(items):
    result = [[]]
    for x in items:
        extra = []
        for s in result:
            extra.append(s + [x])
        result = result + extra
    return result

# ---- input ----
ENTRY = "subsets"
DOC = "power set of seeded items, doubling the list for each item"
def make_input(rng, size):
    n = 1
    while 2 ** (n + 1) * 2 < size and n < 9:
        n += 1
    return (rng.sample(range(1, 40), n),)
