def prefix_sums(nums):
    sums = [0]
    total = 0
    for x in nums:
        total += x
        sums.append(total)
    return sums

# ---- input ----
ENTRY = "prefix_sums"
DOC = "running totals into a list"
def make_input(rng, size):
    return ([rng.randint(-5, 9) for _ in range(size)],)
