def move_zeroes(nums):
    pos = 0
    for i in range(len(nums)):
        if nums[i] != 0:
            nums[pos], nums[i] = nums[i], nums[pos]
            pos += 1
    return nums

# ---- input ----
ENTRY = "move_zeroes"
DOC = "move zeroes to the end, keeping order (two pointers)"
def make_input(rng, size):
    return ([rng.choice([0, 0, 1, 2, 3, 4, 5]) for _ in range(size)],)
