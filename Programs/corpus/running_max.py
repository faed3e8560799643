def running_max(nums):
    out = []
    best = None
    for x in nums:
        if best is None or x > best:
            best = x
        out.append(best)
    return out

# ---- input ----
ENTRY = "running_max"
DOC = "running maximum starting from None"
def make_input(rng, size):
    return ([rng.randint(0, 99) for _ in range(size)],)
