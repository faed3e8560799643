def first_repeat(items):
    seen = {}
    for i in range(len(items)):
        if items[i] in seen:
            return [seen[items[i]], items[i]]
        seen[items[i]] = i
    return None

# ---- input ----
ENTRY = "first_repeat"
DOC = "first repeated item and the index it was first seen at (early return; None when there is none)"
def make_input(rng, size):
    where = rng.random()
    items = list(range(size))
    rng.shuffle(items)
    items.append(items[int(where * size)])
    return (items,)
