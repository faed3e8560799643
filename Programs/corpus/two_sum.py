def two_sum(nums, target):
    seen = {}
    for i in range(len(nums)):
        need = target - nums[i]
        if need in seen:
            return [seen[need], i]
        seen[nums[i]] = i
    return [-1, -1]

# ---- input ----
ENTRY = "two_sum"
DOC = "indices of two numbers adding up to target (dict of seen values, early return)"
def make_input(rng, size):
    # Decisions that shape the trace are drawn first, so trace length grows steadily with size.
    miss = rng.random() < 0.3
    fi, fj = rng.random(), rng.random()
    nums = [rng.randint(1, 9 * size + 9) for _ in range(size + 1)]
    i, j = int(fi * len(nums)), int(fj * len(nums))
    if miss or i == j:
        return (nums, -1)
    return (nums, nums[i] + nums[j])
