def two_sum(nums, target):
    seen = {}
    for i in range(len(nums)):
        need = target - nums[i]
        if need in seen:
            return [seen[need], nums[i]]
        seen[nums[i]] = i
    return [-1, -1]

# ---- input ----
ENTRY = "two_sum"
DOC = "the first index and the second number of a pair adding up to target (dict of seen values, early return)"
def make_input(rng, size):
    # Decisions that shape the trace are drawn first, so trace length grows steadily with size.
    fi, fj = rng.random(), 0.3 + 0.7 * rng.random()
    # Every number is 1 mod 3 except the chosen pair (0 mod 3): only that pair sums to target.
    nums = [3 * rng.randint(0, 3 * size + 3) + 1 for _ in range(size + 1)]
    i, j = int(fi * len(nums)), int(fj * len(nums))
    if i == j:
        j = (i + 1) % len(nums)
    nums[i] -= 1
    nums[j] -= 1
    return (nums, nums[i] + nums[j])
