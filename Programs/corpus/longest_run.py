def longest_run(nums):
    best = 0
    best_end = None
    current = 0
    previous = None
    for x in nums:
        if previous is not None and x == previous + 1:
            current += 1
        else:
            current = 1
        if current > best:
            best = current
            best_end = x
        previous = x
    return best_end

# ---- input ----
ENTRY = "longest_run"
DOC = "the last number of the longest run of consecutive increasing-by-one numbers"
def make_input(rng, size):
    out, x = [], rng.randint(0, 40)
    for _ in range(size):
        x = x + 1 if rng.random() < 0.6 else rng.randint(0, 40)
        out.append(x)
    return (out,)
