def majority(nums):
    candidate = None
    count = 0
    for x in nums:
        if count == 0:
            candidate = x
        if x == candidate:
            count += 1
        else:
            count -= 1
    return candidate

# ---- input ----
ENTRY = "majority"
DOC = "Boyer-Moore majority vote"
def make_input(rng, size):
    major = rng.randint(0, 9)
    return ([major if rng.random() < 0.6 else rng.randint(0, 9) for _ in range(size)],)
