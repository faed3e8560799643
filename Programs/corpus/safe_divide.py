def safe_divide(nums, divisors):
    out = []
    for i in range(len(nums)):
        try:
            out.append(nums[i] // divisors[i])
        except ZeroDivisionError:
            out.append(None)
    return out

# ---- input ----
ENTRY = "safe_divide"
DOC = "integer division with a caught ZeroDivisionError"
def make_input(rng, size):
    return ([rng.randint(0, 50) for _ in range(size)], [rng.randint(0, 3) for _ in range(size)])
