def remove_duplicates(nums):
    if not nums:
        return 0
    write = 1
    for read in range(1, len(nums)):
        if nums[read] != nums[write - 1]:
            nums[write] = nums[read]
            write += 1
    return nums[:write]

# ---- input ----
ENTRY = "remove_duplicates"
DOC = "dedupe a sorted list in place with a read and a write pointer"
def make_input(rng, size):
    return (sorted(rng.randint(0, size // 2 + 2) for _ in range(size)),)
