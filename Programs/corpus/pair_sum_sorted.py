def pair_sum_sorted(nums, target):
    lo = 0
    hi = len(nums) - 1
    while lo < hi:
        total = nums[lo] + nums[hi]
        if total == target:
            return [lo, hi]
        if total < target:
            lo += 1
        else:
            hi -= 1
    return []

# ---- input ----
ENTRY = "pair_sum_sorted"
DOC = "two pointers on a sorted list"
def make_input(rng, size):
    miss = rng.random() < 0.3
    fi, fj = rng.random() / 2, 0.5 + rng.random() / 2
    nums = sorted(rng.randint(0, 5 * size) for _ in range(size + 2))
    if miss:
        return (nums, 10 * size + 1)
    return (nums, nums[int(fi * len(nums))] + nums[int(fj * len(nums))])
