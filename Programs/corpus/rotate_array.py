def reverse(nums, lo, hi):
    while lo < hi:
        nums[lo], nums[hi] = nums[hi], nums[lo]
        lo += 1
        hi -= 1


def rotate(nums, k):
    n = len(nums)
    k = k % n
    reverse(nums, 0, n - 1)
    reverse(nums, 0, k - 1)
    reverse(nums, k, n - 1)
    return nums

# ---- input ----
ENTRY = "rotate"
DOC = "rotate right by k with three in-place reversals (helper returns None)"
def make_input(rng, size):
    nums = [rng.randint(0, 99) for _ in range(size + 1)]
    return (nums, rng.randint(1, size) + (size + 1) * rng.randint(0, 2))
