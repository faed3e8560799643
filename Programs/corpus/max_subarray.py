def max_subarray(nums):
    best = nums[0]
    current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        if current > best:
            best = current
    return best

# ---- input ----
ENTRY = "max_subarray"
DOC = "Kadane's maximum subarray sum"
def make_input(rng, size):
    return ([rng.randint(-9, 9) for _ in range(size + 1)],)
