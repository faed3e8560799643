def pair_sum_sorted(nums, target):
    lo = 0
    hi = len(nums) - 1
    while lo < hi:
        total = nums[lo] + nums[hi]
        if total == target:
            return [nums[lo], nums[hi]]
        if total < target:
            lo += 1
        else:
            hi -= 1
    return []

# ---- input ----
ENTRY = "pair_sum_sorted"
DOC = "two pointers on a sorted list; answers the two numbers"
def make_input(rng, size):
    fi, fj = 0.1 + 0.3 * rng.random(), 0.6 + 0.3 * rng.random()
    # Every number is 1 mod 3 except the chosen pair (0 mod 3): only that pair sums to target.
    nums = sorted(3 * rng.randint(0, 2 * size) + 1 for _ in range(size + 2))
    i, j = int(fi * len(nums)), int(fj * len(nums))
    target = nums[i] + nums[j] - 2
    nums[i] -= 1
    nums[j] -= 1
    nums.sort()
    return (nums, target)
