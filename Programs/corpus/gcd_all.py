def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a


def gcd_all(nums):
    result = nums[0]
    for x in nums[1:]:
        result = gcd(result, x)
        if result == 1:
            return 1
    return result

# ---- input ----
ENTRY = "gcd_all"
DOC = "Euclid's gcd folded over a list, early return at 1"
def make_input(rng, size):
    k = rng.choice([2, 3, 6, 10, 4])
    return ([k * rng.randint(1, 30) for _ in range(size + 1)],)
