def search(nums, target):
    low = 0
    high = len(nums) - 1
    while low <= high:
        mid = (low + high) // 2
        if nums[mid] == target:
            return mid
        if nums[mid] < target:
            low = mid + 1
        else:
            high = mid - 1
    return -1


def find_all(nums, queries):
    found = []
    for q in queries:
        found.append(search(nums, q))
    return found

# ---- input ----
ENTRY = "find_all"
DOC = "binary search called once per query (nested calls, early return)"
def make_input(rng, size):
    nums = sorted(rng.sample(range(4 * size + 20), 4 + size // 8))
    queries = []
    for _ in range(max(1, size // 4)):
        hit = rng.random() < 0.7
        queries.append(rng.choice(nums) if hit else rng.randint(0, 4 * size + 20))
    return (nums, queries)
